using BitcoinEvents.Payments.Crypto;
using NBitcoin;
using NBitcoin.Payment;

namespace Payments.Tests.Crypto;

public sealed class Bip21Tests
{
    private const string Address = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";

    [Theory]
    [InlineData(12_345, "0.00012345")]
    [InlineData(100_000_000, "1")]
    [InlineData(10_000, "0.0001")]
    [InlineData(1, "0.00000001")]
    [InlineData(2_100_000_000_000_000, "21000000")]
    public void Uri_WritesTheAmountInBitcoinExactly(long satoshis, string amount)
    {
        Assert.Equal($"bitcoin:{Address}?amount={amount}", Bip21.Uri(Address, satoshis));
    }

    [Fact]
    public void Uri_EncodesLabelMessageAndLightning()
    {
        var uri = Bip21.Uri(Address, 12_345, label: "Porto Lightning Night", message: "Order 7f3a & co", lightning: "lnbcrt123u1pj");
        Assert.Equal($"bitcoin:{Address}?amount=0.00012345&label=Porto%20Lightning%20Night&message=Order%207f3a%20%26%20co&lightning=lnbcrt123u1pj", uri);
    }

    [Fact]
    public void Uri_IsReadByAWalletLibraryAsTheSameAddressAndAmount()
    {
        var random = new Random(3);
        for (var i = 0; i < 500; i++)
        {
            var satoshis = random.NextInt64(1, 2_100_000_000_000_000);
            var parsed = new BitcoinUrlBuilder(Bip21.Uri(Address, satoshis, label: "Seat & snack?"), Network.Main);
            Assert.Equal(Address, parsed.Address!.ToString());
            Assert.Equal(satoshis, parsed.Amount!.Satoshi);
            Assert.Equal("Seat & snack?", parsed.Label);
        }
    }

    [Fact]
    public void Uri_NeedsAnAmount()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Bip21.Uri(Address, 0));
    }
}
