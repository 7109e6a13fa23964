namespace Bridgeline.Tests;

/// <summary>Locates the repository root and the shared corpora beside it, wherever the tests run from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The real-world test data kept beside the project (../shared/corpora).</summary>
    public static string Corpora => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpora"));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bridgeline.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Bridgeline.slnx not found above " + AppContext.BaseDirectory);
    }
}
