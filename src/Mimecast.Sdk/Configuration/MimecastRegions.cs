namespace Mimecast.Sdk;

/// <summary>Well-known Mimecast API hosts.</summary>
public static class MimecastRegions
{
    /// <summary>API 1.0 global host, used for discover-authentication.</summary>
    public static readonly Uri Global = new("https://api.mimecast.com/");

    /// <summary>API 1.0 Europe (excluding Germany).</summary>
    public static readonly Uri Europe = new("https://eu-api.mimecast.com/");

    /// <summary>API 1.0 Germany.</summary>
    public static readonly Uri Germany = new("https://de-api.mimecast.com/");

    /// <summary>API 1.0 United States.</summary>
    public static readonly Uri UnitedStates = new("https://us-api.mimecast.com/");

    /// <summary>API 1.0 United States (USB grid).</summary>
    public static readonly Uri UnitedStatesB = new("https://usb-api.mimecast.com/");

    /// <summary>API 1.0 Canada.</summary>
    public static readonly Uri Canada = new("https://ca-api.mimecast.com/");

    /// <summary>API 1.0 South Africa.</summary>
    public static readonly Uri SouthAfrica = new("https://za-api.mimecast.com/");

    /// <summary>API 1.0 Australia.</summary>
    public static readonly Uri Australia = new("https://au-api.mimecast.com/");

    /// <summary>API 1.0 Offshore (Jersey). Some sources name it <c>jer-api</c>: confirm with discover-authentication.</summary>
    public static readonly Uri Offshore = new("https://je-api.mimecast.com/");

    /// <summary>API 1.0 US public sector.</summary>
    public static readonly Uri UnitedStatesPublicSector = new("https://uspcom-api.mimecast-pscom-us.com/");

    /// <summary>API 2.0 global host (fails over between regions).</summary>
    public static readonly Uri Api2Global = new("https://api.services.mimecast.com/");

    /// <summary>API 2.0 host pinned to the United Kingdom.</summary>
    public static readonly Uri Api2UnitedKingdom = new("https://uk-api.services.mimecast.com/");

    /// <summary>API 2.0 host pinned to the United States.</summary>
    public static readonly Uri Api2UnitedStates = new("https://us-api.services.mimecast.com/");
}
