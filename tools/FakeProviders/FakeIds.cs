using System.Security.Cryptography;

namespace BitcoinEvents.FakeProviders;

/// <summary>Ids shaped like a provider's: a prefix and random letters and digits.</summary>
public static class FakeIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string New(string prefix, int length = 24) =>
        prefix + new string([.. Enumerable.Range(0, length).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)])]);
}
