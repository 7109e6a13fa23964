using Bridgeline.Orders.Tracking;

namespace Bridgeline.Tests.Orders;

public sealed class TrackingNumberTests
{
    // Published sample numbers (carrier documentation and widely shared test data) and numbers built by the algorithms.
    [Theory]
    [InlineData("9400 1112 0108 0805 4830 16", Carrier.Usps, "USPS IMpb (22)")]
    [InlineData("9361 2898 7870 0317 6337 95", Carrier.Usps, "USPS IMpb (22)")]
    [InlineData("9505 5110 6960 5048 6006 24", Carrier.Usps, "USPS IMpb (22)")]
    [InlineData("9400111899223197428497", Carrier.Usps, "USPS IMpb (22)")]
    [InlineData("0307 1790 0005 2348 3741", Carrier.Usps, "USPS IMpb (20)")]
    [InlineData("7196 9010 7560 0307 7385", Carrier.Usps, "USPS (20, service prefix 91 implied)")]
    [InlineData("420 22153 9101026837331000039521", Carrier.Usps, "USPS IMpb with ZIP routing (30)")]
    [InlineData("EA123456785US", Carrier.Usps, "S10 international")]
    [InlineData("rb123456785us", Carrier.Usps, "S10 international")]
    [InlineData("RB123456785GB", Carrier.Post, "S10 international (GB)")]
    [InlineData("CP987654326DE", Carrier.Post, "S10 international (DE)")]
    [InlineData("1Z999AA10123456784", Carrier.Ups, "UPS 1Z")]
    [InlineData("1Z5R89390357567127", Carrier.Ups, "UPS 1Z")]
    [InlineData("1z 879E 9303 4683 4440", Carrier.Ups, "UPS 1Z")]
    [InlineData("1Z12345E0205271686", Carrier.Ups, "UPS 1Z")]
    [InlineData("986578788855", Carrier.Fedex, "FedEx Express (12)")]
    [InlineData("7905 3531 2317", Carrier.Fedex, "FedEx Express (12)")]
    [InlineData("123456789012", Carrier.Fedex, "FedEx Express (12)")]
    [InlineData("0414 4176 0228 964", Carrier.Fedex, "FedEx Ground (15)")]
    [InlineData("123456789012343", Carrier.Fedex, "FedEx Ground (15)")]
    [InlineData("61299998820821171811", Carrier.Fedex, "FedEx SmartPost (20)")]
    [InlineData("9611020987654312345672", Carrier.Fedex, "FedEx Ground 96 (22)")]
    [InlineData("9612075123456712345678", Carrier.Fedex, "FedEx Ground 96 (22)")]
    [InlineData("3318810025", Carrier.DhlExpress, "DHL Express waybill")]
    [InlineData("8487135506", Carrier.DhlExpress, "DHL Express waybill")]
    [InlineData("1234567891", Carrier.DhlExpress, "DHL Express waybill")]
    public void ValidNumber_IsRecognisedWithCarrierAndFormat(string input, Carrier carrier, string format)
    {
        var result = TrackingNumbers.Recognise(input);

        Assert.Equal(ReferenceKind.TrackingNumber, result.Kind);
        Assert.Equal(carrier, result.Carrier);
        Assert.Equal(format, result.Format);
        Assert.DoesNotContain(' ', result.Normalized);
    }

    // One digit off from a valid number: the shape matches, the check digit does not. Kept, not thrown away.
    [Theory]
    [InlineData("9400 1112 0108 0805 4830 17", "USPS IMpb (22)")]
    [InlineData("9400111899223197428490", "USPS IMpb (22)")]
    [InlineData("0307 1790 0005 2348 3745", "USPS IMpb (20) or FedEx SmartPost (20)")]
    [InlineData("EA123456786US", "UPU S10")]
    [InlineData("RB123456784GB", "UPU S10")]
    [InlineData("1Z999AA10123456785", "UPS 1Z")]
    [InlineData("1Z1111111111111111", "UPS 1Z")]
    [InlineData("996578788855", "FedEx Express (12)")]
    [InlineData("5682 8361 0012 732", "FedEx Ground (15)")]
    [InlineData("9600000000000000000001", "FedEx Ground 96 (22)")]
    [InlineData("3318810010", "DHL Express")]
    [InlineData("3318810034", "DHL Express")]
    public void CheckDigitFailure_IsKeptAsUnrecognisedReferenceNamingTheFormat(string input, string format)
    {
        var result = TrackingNumbers.Recognise(input);

        Assert.Equal(ReferenceKind.UnrecognisedReference, result.Kind);
        Assert.Equal(Carrier.Unknown, result.Carrier);
        Assert.Contains(format, result.Note);
        Assert.Contains("check digit", result.Note);
    }

    [Theory]
    [InlineData("SHIP-000123")]
    [InlineData("WH7-44812-B")]
    [InlineData("AB12345")]
    [InlineData("12345678901234567")]
    public void PlausibleUnknownFormat_IsAnUnrecognisedReference(string input)
    {
        var result = TrackingNumbers.Recognise(input);

        Assert.Equal(ReferenceKind.UnrecognisedReference, result.Kind);
        Assert.Equal("No known carrier format.", result.Note);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("n/a")]
    [InlineData("12345")]
    [InlineData("PENDING")]
    [InlineData("see email!")]
    [InlineData("12345678901234567890123456789012345678901")]
    public void NoReferenceAtAll_IsNotAReference(string? input)
    {
        Assert.Equal(ReferenceKind.NotAReference, TrackingNumbers.Recognise(input).Kind);
    }

    [Theory]
    [InlineData("RR100000140US")] // 11 − (sum mod 11) = 10, written as 0
    [InlineData("RR100000025US")] // 11 − (sum mod 11) = 11, written as 5
    public void S10EdgeCheckDigits_AreZeroForTenAndFiveForEleven(string input)
    {
        Assert.Equal(ReferenceKind.TrackingNumber, TrackingNumbers.Recognise(input).Kind);
    }
}
