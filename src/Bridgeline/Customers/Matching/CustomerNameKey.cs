using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bridgeline.Customers.Matching;

/// <summary>
/// One lookup key of a customer's name: "n:smith" (the token), "p:SM0" (its sound) and "f:smi" (its first
/// letters, for typos late in the word). The search finds candidates by these keys through one index and
/// scores only those, so it stays fast however many customers there are.
/// </summary>
public sealed class CustomerNameKey
{
    public Guid CustomerId { get; set; }

    public required string Key { get; set; }

    public static IEnumerable<string> KeysOf(IEnumerable<string> tokens)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            keys.Add("n:" + Cut(token, 40));
            if (PhoneticKey.Of(token) is { Length: > 0 } sound)
            {
                keys.Add("p:" + sound);
            }

            if (token.Length >= 3)
            {
                keys.Add("f:" + token[..3]);
            }
        }

        return keys;
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;
}

public sealed class CustomerNameKeyConfiguration : IEntityTypeConfiguration<CustomerNameKey>
{
    public void Configure(EntityTypeBuilder<CustomerNameKey> e)
    {
        e.HasKey(k => new { k.CustomerId, k.Key });
        e.Property(k => k.Key).HasMaxLength(48);
        e.HasOne<Customer>().WithMany().HasForeignKey(k => k.CustomerId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(k => new { k.Key, k.CustomerId });
    }
}

/// <summary>Adds the partial-number index to the phones the core maps.</summary>
public sealed class CustomerPhoneSuffixConfiguration : IEntityTypeConfiguration<CustomerPhone>
{
    public void Configure(EntityTypeBuilder<CustomerPhone> e)
    {
        e.Property(p => p.Suffix).HasMaxLength(Phones.SuffixLength);
        e.HasIndex(p => p.Suffix);
    }
}
