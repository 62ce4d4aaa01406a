namespace KioskAgent.Bench;

/// <summary>The probe's command line.</summary>
public sealed record Options(string Base, string Kiosk, string Token, string Device, string Fault, string Reset, string Code, int Count, double SubtractMs)
{
    public static Options? Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        if (Get("--base") is not { } baseUrl || Get("--kiosk") is not { } kiosk || Get("--token") is not { } token || Get("--device") is not { } device)
        {
            return null;
        }

        return new Options(
            baseUrl, kiosk, token, device,
            Get("--fault") ?? "", Get("--reset") ?? "", Get("--code") ?? Get("--fault") ?? "",
            int.TryParse(Get("--count"), out var count) && count > 0 ? count : 50,
            double.TryParse(Get("--subtract-ms"), System.Globalization.CultureInfo.InvariantCulture, out var subtract) ? subtract : 0);
    }
}
