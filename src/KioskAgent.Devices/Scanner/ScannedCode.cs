namespace KioskAgent.Devices.Scanner;

/// <summary>
/// What a scan produced: the symbology and the data as read (a barcode's content, or the MRZ lines of an
/// identity document). It is a guest's personal data: it is handed to the caller, never logged or published
/// in a status snapshot.
/// </summary>
/// <param name="Symbology">What kind of code, e.g. <c>code128</c>, <c>ocr_b</c> (MRZ), or <c>type_0x1C</c>.</param>
/// <param name="Data">The decoded bytes.</param>
public sealed record ScannedCode(string Symbology, byte[] Data)
{
    /// <summary>The data as text (codes and MRZs are ASCII/Latin-1).</summary>
    public string Text => System.Text.Encoding.Latin1.GetString(Data);

    public override string ToString() => $"{Symbology} ({Data.Length} bytes)";
}
