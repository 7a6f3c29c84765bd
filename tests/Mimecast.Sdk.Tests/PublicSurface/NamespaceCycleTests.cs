using System.Reflection;
using System.Reflection.Emit;
using Xunit;

namespace Mimecast.Sdk.Tests.PublicSurface;

/// <summary>
/// The core's namespaces form layers (Models below the client surface, Auth below the transport, the implementation and
/// dependency injection on top): a namespace that uses another is never used by it, directly or through a third.
/// Read from the compiled assembly (signatures, fields, locals and every type or member a method body touches), so a
/// cycle cannot hide behind a file's <c>using</c> list.
/// </summary>
public sealed class NamespaceCycleTests
{
    [Fact]
    public void The_core_assembly_has_no_namespace_cycles()
    {
        var graph = NamespaceGraph.Build(typeof(IMimecastClient).Assembly, "Mimecast.Sdk");
        var cycles = NamespaceGraph.Cycles(graph);
        Assert.True(cycles.Count == 0, "Namespace cycles in Mimecast.Sdk:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void The_cycle_finder_sees_a_two_way_dependency()
    {
        var graph = new Dictionary<string, Dictionary<string, HashSet<string>>>
        {
            ["A"] = new() { ["B"] = ["A1->B1"] },
            ["B"] = new() { ["C"] = ["B1->C1"] },
            ["C"] = new() { ["A"] = ["C1->A1"] },
        };
        Assert.Single(NamespaceGraph.Cycles(graph));
    }
}

internal static class NamespaceGraph
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>Namespace → namespaces it uses → examples (type → type), within the assembly's own namespaces.</summary>
    internal static Dictionary<string, Dictionary<string, HashSet<string>>> Build(Assembly assembly, string prefix)
    {
        var graph = new Dictionary<string, Dictionary<string, HashSet<string>>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            void Use(Type? used) => Add(graph, assembly, prefix, type, used);
            Use(type.BaseType);
            foreach (var i in type.GetInterfaces())
            {
                Use(i);
            }

            foreach (var attribute in type.GetCustomAttributesData())
            {
                Use(attribute.AttributeType);
                foreach (var argument in attribute.ConstructorArguments)
                {
                    Use(argument.Value as Type);
                }
            }

            foreach (var field in type.GetFields(All))
            {
                Use(field.FieldType);
            }

            foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
            {
                if (method is MethodInfo info)
                {
                    Use(info.ReturnType);
                }

                foreach (var parameter in method.GetParameters())
                {
                    Use(parameter.ParameterType);
                }

                var body = method.GetMethodBody();
                if (body is null)
                {
                    continue;
                }

                foreach (var local in body.LocalVariables)
                {
                    Use(local.LocalType);
                }

                foreach (var member in MembersUsed(type, method, body.GetILAsByteArray() ?? []))
                {
                    Use(member as Type ?? member.DeclaringType);
                    Use((member as MethodInfo)?.ReturnType ?? (member as FieldInfo)?.FieldType);
                }
            }
        }

        return graph;
    }

    /// <summary>Each elementary cycle's namespaces, found by a depth-first walk from every namespace (one line per cycle).</summary>
    internal static List<string> Cycles(Dictionary<string, Dictionary<string, HashSet<string>>> graph)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var start in graph.Keys)
        {
            Walk(start, [start]);
        }

        return [.. found];

        void Walk(string at, List<string> path)
        {
            if (!graph.TryGetValue(at, out var next))
            {
                return;
            }

            foreach (var (to, why) in next)
            {
                if (to == path[0])
                {
                    // Report each cycle once, from its smallest namespace, with one example per edge.
                    var cycle = path.Append(to).ToList();
                    var edges = cycle.Zip(cycle.Skip(1), (a, b) => $"{a} -> {b} ({graph[a][b].Order(StringComparer.Ordinal).First()})");
                    var rotation = path.IndexOf(path.Min(StringComparer.Ordinal)!);
                    var key = string.Join(" | ", path.Skip(rotation).Concat(path.Take(rotation)));
                    found.Add(key + ":  " + string.Join("; ", edges));
                }
                else if (!path.Contains(to) && string.CompareOrdinal(to, path[0]) > 0 && path.Count < 8)
                {
                    Walk(to, [.. path, to]);
                }
            }
        }
    }

    private static void Add(Dictionary<string, Dictionary<string, HashSet<string>>> graph, Assembly assembly, string prefix, Type owner, Type? used)
    {
        if (used is null)
        {
            return;
        }

        if (used.HasElementType)
        {
            Add(graph, assembly, prefix, owner, used.GetElementType());
            return;
        }

        if (used.IsGenericType && !used.IsGenericTypeDefinition)
        {
            foreach (var argument in used.GetGenericArguments())
            {
                Add(graph, assembly, prefix, owner, argument);
            }

            used = used.GetGenericTypeDefinition();
        }

        if (used.IsGenericParameter || used.Assembly != assembly)
        {
            return;
        }

        var from = Outermost(owner);
        var to = Outermost(used);
        if (from.Namespace is not { } a || to.Namespace is not { } b || a == b || !a.StartsWith(prefix, StringComparison.Ordinal) || !b.StartsWith(prefix, StringComparison.Ordinal))
        {
            return;
        }

        if (!graph.TryGetValue(a, out var edges))
        {
            graph[a] = edges = new(StringComparer.Ordinal);
        }

        if (!edges.TryGetValue(b, out var examples))
        {
            edges[b] = examples = new(StringComparer.Ordinal);
        }

        examples.Add(from.Name + "->" + to.Name);
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    // Decodes the IL just far enough to resolve every type, method and field token it names.
    private static IEnumerable<MemberInfo> MembersUsed(Type type, MethodBase method, byte[] il)
    {
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE && position < il.Length)
            {
                value = unchecked((short)(0xFE00 | il[position++]));
            }

            if (!OpCodesByValue.TryGetValue(value, out var opCode))
            {
                yield break;
            }

            var operandSize = opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
                _ => 4,
            };
            if (opCode.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                MemberInfo? member = null;
                try
                {
                    member = type.Module.ResolveMember(BitConverter.ToInt32(il, position),
                        type.IsGenericType ? type.GetGenericArguments() : null, method.IsGenericMethod ? method.GetGenericArguments() : null);
                }
                catch (ArgumentException)
                {
                    // A token into a generic context the resolver cannot bind: its declaring type is seen elsewhere.
                }

                if (member is not null)
                {
                    yield return member;
                }
            }

            position += operandSize;
        }
    }
}
