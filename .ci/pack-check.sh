#!/usr/bin/env bash
# Packs every packable project under src/ (found by its IsPackable property, so packages added later are covered)
# into a temporary folder, then builds and runs a throw-away console app that references all of them (restored from
# that folder, dependencies from nuget.org) AND pins the Microsoft.Extensions.* packages to 10.0.0 with warnings as
# errors: a library package needing a newer patch fails here with NU1605. The app makes one API 1.0 and one API 2.0
# TTP call against the embedded simulator through AddMimecastClient. Proves the packages, not the project
# references, work. Honours NUGET_PACKAGES (a fresh cache works). Prints "PACK CHECK: PASS" on success.
#
#   .ci/pack-check.sh                 # packs into a temp folder
#   PACKAGES_OUT=artifacts/packages .ci/pack-check.sh   # also keeps the packages there
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/mimecast-pack-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
app="$work/app"
mkdir -p "$feed" "$app"

fail() { echo; echo "PACK CHECK: FAIL - $*" >&2; exit 1; }

echo "== Packing into $feed"
ids=()
for project in "$root"/src/*/*.csproj; do
  [ "$(dotnet msbuild "$project" -getProperty:IsPackable -p:Configuration=Release)" = "true" ] || continue
  # A .NET tool (the simulator host) is no library: it is packed, installed and driven in its own section below.
  [ "$(dotnet msbuild "$project" -getProperty:PackAsTool -p:Configuration=Release)" = "true" ] && continue
  ids+=("$(dotnet msbuild "$project" -getProperty:PackageId -p:Configuration=Release)")
  dotnet pack "$project" -c Release -o "$feed" -nologo -v q -p:ContinuousIntegrationBuild=true \
    || fail "dotnet pack $project"
done
[ "${#ids[@]}" -ge 2 ] || fail "fewer than two packable projects found under src/"
echo "Packages: ${ids[*]}"

version="$(dotnet msbuild "$root/src/Mimecast.Sdk/Mimecast.Sdk.csproj" -getProperty:PackageVersion -p:Configuration=Release)"
[ -n "$version" ] || fail "could not read PackageVersion"
for id in "${ids[@]}"; do
  for ext in nupkg snupkg; do
    [ -f "$feed/$id.$version.$ext" ] || fail "missing $id.$version.$ext"
  done
  # The library, its XML docs and the README must be in the package.
  listing="$(unzip -Z1 "$feed/$id.$version.nupkg")"
  for entry in "lib/net10.0/$id.dll" "lib/net10.0/$id.xml" "README.md"; do
    grep -qx "$entry" <<<"$listing" || fail "$id.$version.nupkg lacks $entry"
  done
  symbols="$(unzip -Z1 "$feed/$id.$version.snupkg")"
  grep -qx "lib/net10.0/$id.pdb" <<<"$symbols" || fail "$id.$version.snupkg lacks the pdb"
done
ls -1 "$feed"
if [ -n "${PACKAGES_OUT:-}" ]; then
  mkdir -p "$PACKAGES_OUT" && cp "$feed"/*.nupkg "$feed"/*.snupkg "$PACKAGES_OUT"/
fi

# The consumer restores into its own folder so a stale Mimecast.Sdk $version already extracted into the shared cache
# can never be used; everything else comes from the shared cache or nuget.org. NuGet takes a package from a fallback
# folder before any source, so the fallback is a view of the shared cache WITHOUT the Mimecast.Sdk* packages (links to
# every other package id): a cache that already holds this version (a second run, a developer's machine) cannot win.
global_packages="${NUGET_PACKAGES:-$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')}"
fallback="$work/fallback"
mkdir -p "$fallback"
if [ -d "$global_packages" ]; then
  for package in "$global_packages"/*/; do
    name="$(basename "$package")"
    case "$name" in
      mimecast.sdk*) ;;
      *) ln -s "${package%/}" "$fallback/$name" ;;
    esac
  done
fi
cat > "$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local">
      <package pattern="Mimecast.Sdk*" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
  <fallbackPackageFolders>
    <add key="shared" value="$fallback" />
  </fallbackPackageFolders>
</configuration>
XML

# Outside the repository: no Directory.Build.props, no central package management.
cat > "$app/PackCheck.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
$(for id in "${ids[@]}"; do echo "    <PackageReference Include=\"$id\" Version=\"[$version]\" />"; done)
    <!-- A consumer pinned to the lowest Microsoft.Extensions 10 release: any library package that needs more fails
         the restore with NU1605 (a downgrade), an error under TreatWarningsAsErrors. -->
    <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.0" />
    <PackageReference Include="Microsoft.Extensions.DependencyInjection.Abstractions" Version="10.0.0" />
    <PackageReference Include="Microsoft.Extensions.Http" Version="10.0.0" />
    <PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="10.0.0" />
    <PackageReference Include="Microsoft.Extensions.Options" Version="10.0.0" />
    <PackageReference Include="Microsoft.Extensions.Options.ConfigurationExtensions" Version="10.0.0" />
    <PackageReference Include="Microsoft.Extensions.Configuration.Binder" Version="10.0.0" />
    <PackageReference Include="Microsoft.Extensions.Diagnostics.Abstractions" Version="10.0.0" />
  </ItemGroup>
</Project>
XML

cat > "$app/Program.cs" <<'CS'
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;

await using var simulator = await MimecastSimulator.StartAsync();

var services = new ServiceCollection();
services.AddMimecastClient("api1", options =>
{
    options.BaseUrl = simulator.BaseUrl;
    options.Api1 = new MimecastApi1Options
    {
        AppId = MimecastSimulatorDefaults.AppId,
        AppKey = MimecastSimulatorDefaults.AppKey,
        AccessKey = MimecastSimulatorDefaults.AccessKey,
        SecretKey = MimecastSimulatorDefaults.SecretKey,
    };
});
services.AddMimecastClient("api2", options =>
{
    options.BaseUrl = simulator.BaseUrl;
    options.Api2 = new MimecastApi2Options
    {
        ClientId = MimecastSimulatorDefaults.ClientId,
        ClientSecret = MimecastSimulatorDefaults.ClientSecret,
    };
});

await using var provider = services.BuildServiceProvider();
var factory = provider.GetRequiredService<IMimecastClientFactory>();

var api1 = await factory.CreateClient("api1").Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = 10 }, null);
var api2 = await factory.CreateClient("api2").Ttp.GetAttachmentLogsPageAsync(new TtpAttachmentLogQuery { PageSize = 10 }, null);
Console.WriteLine($"API 1.0 URL logs: {api1.Items.Count} record(s), more: {api1.HasMore}");
Console.WriteLine($"API 2.0 attachment logs: {api2.Items.Count} record(s), more: {api2.HasMore}");

if (api1.Items.Count == 0 || api2.Items.Count == 0 || simulator.TokensIssued != 1)
{
    Console.Error.WriteLine("Unexpected result from the simulator.");
    return 1;
}

Console.WriteLine($"Assembly: {typeof(IMimecastClient).Assembly.Location}");
return 0;
CS

echo "== Restoring and building the consumer (Mimecast.Sdk $version from $feed)"
dotnet restore "$app/PackCheck.csproj" --packages "$work/packages" --configfile "$app/nuget.config" -nologo -v q \
  || fail "restore of the consumer"
for id in "${ids[@]}"; do
  id="${id,,}"
  extracted="$work/packages/$id/$version"
  [ -d "$extracted" ] || fail "$id $version was not restored from the local feed"
done
dotnet build "$app/PackCheck.csproj" -c Release --no-restore -nologo -v q -o "$app/out" || fail "build of the consumer"

echo "== Running the consumer"
dotnet "$app/out/PackCheck.dll" || fail "the consumer exited with $?"
# ---- The simulator as a .NET tool (h14): pack it, install it from the local feed into a temporary tool path,
# ---- run `mimecast-simulator --https` and drive it over HTTP with curl (.ci/simulator-smoke.sh).
echo "== Packing and installing the mimecast-simulator tool"
dotnet pack "$root/src/Mimecast.Sdk.Simulator/Mimecast.Sdk.Simulator.csproj" -c Release -o "$feed" -nologo -v q \
  -p:ContinuousIntegrationBuild=true || fail "dotnet pack Mimecast.Sdk.Simulator"
[ -f "$feed/Mimecast.Sdk.Simulator.$version.nupkg" ] || fail "missing Mimecast.Sdk.Simulator.$version.nupkg"
cat > "$work/tool-nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
  </packageSources>
</configuration>
XML
dotnet tool install Mimecast.Sdk.Simulator --version "$version" --tool-path "$work/tools" \
  --configfile "$work/tool-nuget.config" || fail "dotnet tool install Mimecast.Sdk.Simulator"
"$work/tools/mimecast-simulator" --help | grep -q -- '--control-token' || fail "mimecast-simulator --help"
"$root/.ci/simulator-smoke.sh" "$work/tools/mimecast-simulator" || fail "the simulator smoke test"
# ---- end of the simulator tool section
# ---- The mimecast CLI as a .NET tool (issue 21): pack it (its dependencies ride inside the tool package), install it
# ---- from the local feed into the same temporary tool path and run it: version, exit codes, exit 4 without credentials.
echo "== Packing and installing the mimecast CLI tool"
dotnet pack "$root/src/Mimecast.Cli/Mimecast.Cli.csproj" -c Release -o "$feed" -nologo -v q \
  -p:ContinuousIntegrationBuild=true || fail "dotnet pack Mimecast.Cli"
[ -f "$feed/Mimecast.Cli.$version.nupkg" ] || fail "missing Mimecast.Cli.$version.nupkg"
dotnet tool install Mimecast.Cli --version "$version" --tool-path "$work/tools" \
  --configfile "$work/tool-nuget.config" || fail "dotnet tool install Mimecast.Cli"
"$work/tools/mimecast" version | grep -q "\"cli\":\"$version" || fail "mimecast version"
"$work/tools/mimecast" help exit-codes | grep -q '130' || fail "mimecast help exit-codes"
mkdir -p "$work/cli-config"
set +e
env -u MIMECAST_CLIENT_ID -u MIMECAST_APP_ID -u MIMECAST_ACCESS_KEY -u MIMECAST_PROFILE MIMECAST_CONFIG_DIR="$work/cli-config" \
  "$work/tools/mimecast" api /api/account/get-account 2>/dev/null
cli_exit=$?
set -e
[ "$cli_exit" -eq 4 ] || fail "mimecast without credentials exited with $cli_exit, not 4"
# ---- end of the CLI tool section

echo "PACK CHECK: PASS (${ids[*]} $version from the packages; Microsoft.Extensions.* pinned to 10.0.0; tools mimecast-simulator and mimecast)"
