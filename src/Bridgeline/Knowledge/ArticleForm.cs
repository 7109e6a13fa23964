namespace Bridgeline.Knowledge;

/// <summary>The article form's fields as posted by the knowledge pages.</summary>
public sealed class ArticleForm
{
    public string? Title { get; set; }

    public string? Body { get; set; }

    public string? CustomerReply { get; set; }

    public string? Visibility { get; set; }

    public string? Tags { get; set; }

    public string? Reasons { get; set; }

    public string? Anomalies { get; set; }

    public string? Note { get; set; }

    public static List<string> Split(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
