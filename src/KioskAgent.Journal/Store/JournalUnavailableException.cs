namespace KioskAgent.Journal.Store;

/// <summary>The journal's database cannot be used; the message names the file and says why, for an operator.</summary>
public sealed class JournalUnavailableException : Exception
{
    public JournalUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
