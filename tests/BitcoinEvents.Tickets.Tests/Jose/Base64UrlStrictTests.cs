using System.Security.Cryptography;
using BitcoinEvents.Tickets.Jose;

namespace BitcoinEvents.Tickets.Tests.Jose;

public class Base64UrlStrictTests
{
    [Fact]
    public void RoundTrip_EveryLength_GivesTheBytesBack()
    {
        for (var length = 0; length < 70; length++)
        {
            var bytes = RandomNumberGenerator.GetBytes(length);
            var text = Base64UrlStrict.Encode(bytes);
            Assert.DoesNotContain('=', text);
            Assert.True(Base64UrlStrict.TryDecode(text, out var back));
            Assert.Equal(bytes, back);
        }
    }

    [Theory]
    [InlineData("eyJhbGciOiJFUzI1NiJ9=")] // padding
    [InlineData("eyJhbGciOiJFUzI1NiJ9==")]
    [InlineData("eyJhbGci OiJFUzI1NiJ9")] // whitespace
    [InlineData("eyJhbGci\nOiJFUzI1NiJ9")]
    [InlineData("a+b/")] // the standard alphabet, not the URL-safe one
    [InlineData("abcde")] // 1 (mod 4) characters: not whole bytes
    [InlineData("ab%d")]
    public void TryDecode_AnythingButCanonicalBase64Url_IsRefused(string text) =>
        Assert.False(Base64UrlStrict.TryDecode(text, out _));

    [Fact]
    public void TryDecode_UnusedLowBitsSet_IsRefused()
    {
        // "QQ" is 0x41; "QR" decodes to the same byte through bits a lenient decoder drops.
        Assert.True(Base64UrlStrict.TryDecode("QQ", out var bytes));
        Assert.Equal([0x41], bytes);
        Assert.False(Base64UrlStrict.TryDecode("QR", out _));
        Assert.True(Base64UrlStrict.TryDecode("QUI", out _));
        Assert.False(Base64UrlStrict.TryDecode("QUJ", out _));
    }
}
