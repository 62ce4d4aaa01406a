namespace KioskAgent.Auth;

/// <summary>
/// The credentials <c>appsettings.Development.json</c> ships and the README documents. Public knowledge, hence
/// refused when the environment is Production.
/// </summary>
public static class DevelopmentCredentials
{
    public const string SigningKey = "N7e1JnpqAMrKjHkYzxy7XNyyfW0RRUYP6FZRe0fiwM0=";

    public const string ClientId = "dev-integrator";

    public const string ClientSecret = "jYDse4cupNF53ZEkThmJISypQTRjW69epDyoMEAZHIA";

    public const string SecretSha256 = "cf0d4f26cfc21da4603d63058ee5d7010c5106dff06a7e0fb95856d01a407e60";
}
