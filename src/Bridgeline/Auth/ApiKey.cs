using System.Security.Cryptography;
using System.Text;

namespace Bridgeline.Auth;

/// <summary>
/// A bearer key for the API. Only a SHA-256 hash is stored: the key is shown once, at issue.
/// A key either acts as a staff user (with that user's role) or carries an integration identity.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>Hex SHA-256 of the key. Keys are 256 random bits, so a fast hash is enough.</summary>
    public required string Hash { get; set; }

    /// <summary>The first characters of the key, so an admin can tell keys apart in a list.</summary>
    public required string Prefix { get; set; }

    public Guid? UserId { get; set; }

    public StaffUser? User { get; set; }

    /// <summary>Set for integration keys ("cti", "carrier-webhooks"); null for keys acting as a user.</summary>
    public string? Integration { get; set; }

    /// <summary>The role a bootstrap or integration key carries when it acts as nobody.</summary>
    public string? Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string NewSecret() => "bl_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
