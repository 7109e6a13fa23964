using BenchmarkDotNet.Attributes;
using Bridgeline.Customers;

namespace Bridgeline.Bench;

/// <summary>
/// The hot pure functions, one call each, with BenchmarkDotNet:
/// <c>dotnet run -c Release --project bench/Bridgeline.Bench -- micro --filter '*'</c>.
/// </summary>
[MemoryDiagnoser]
public class Micro
{
    [Params("(555) 867-5309", "+44 20 7946 0958", "001 555 867 5309")]
    public string Typed { get; set; } = "";

    [Benchmark(Description = "Phone to E.164 (libphonenumber)")]
    public string? PhoneToE164() => Phones.TryE164(Typed, "US");
}
