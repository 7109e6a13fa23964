using System.Text;

namespace Bridgeline.Customers.Matching;

/// <summary>
/// A sound-alike key for one name token, after the primary code of Double Metaphone: "smith", "smyth"
/// and "smythe" share "SM0"; "jon" and "john" share "JN". Names that sound alike meet on one indexed key.
/// </summary>
public static class PhoneticKey
{
    private const int MaxLength = 6;

    public static string Of(string token)
    {
        var w = Prepare(token);
        if (w.Length == 0)
        {
            return "";
        }

        var key = new StringBuilder();
        var i = 0;

        // Initial exceptions: silent first letters and initial vowels.
        if (w.StartsWith("kn", StringComparison.Ordinal) || w.StartsWith("gn", StringComparison.Ordinal) || w.StartsWith("pn", StringComparison.Ordinal)
            || w.StartsWith("wr", StringComparison.Ordinal) || w.StartsWith("ps", StringComparison.Ordinal))
        {
            i = 1;
        }
        else if (w[0] == 'x')
        {
            key.Append('S');
            i = 1;
        }
        else if (w.StartsWith("wh", StringComparison.Ordinal))
        {
            key.Append('W');
            i = 2;
        }

        if (i < w.Length && IsVowel(w[i]) && key.Length == 0)
        {
            key.Append('A');
            i++;
        }

        while (i < w.Length && key.Length < MaxLength)
        {
            var c = w[i];
            var next = At(w, i + 1);
            var prev = At(w, i - 1);
            if (c == prev && c != 'c')
            {
                i++;
                continue;
            }

            switch (c)
            {
                case 'a' or 'e' or 'i' or 'o' or 'u' or 'y':
                    break;
                case 'b':
                    if (!(prev == 'm' && i == w.Length - 1))
                    {
                        key.Append('P');
                    }

                    break;
                case 'c':
                    if (next == 'h')
                    {
                        key.Append(prev == 's' ? 'K' : 'X');
                        i++;
                    }
                    else if (next is 'i' or 'e' or 'y')
                    {
                        key.Append('S');
                    }
                    else if (next == 'k' || next == 'c' || next == 'q')
                    {
                        key.Append('K');
                        i++;
                    }
                    else
                    {
                        key.Append('K');
                    }

                    break;
                case 'd':
                    if (next == 'g' && At(w, i + 2) is 'e' or 'i' or 'y')
                    {
                        key.Append('J');
                        i += 2;
                    }
                    else
                    {
                        key.Append('T');
                    }

                    break;
                case 'g':
                    if (next == 'h')
                    {
                        // "gh" before a consonant or at the end is silent ("wright", "hugh"); at the start it is hard.
                        if (i == 0)
                        {
                            key.Append('K');
                        }

                        i++;
                    }
                    else if (next == 'n' && (i + 2 == w.Length || (At(w, i + 2) == 'e' && At(w, i + 3) == 'd' && i + 4 == w.Length)))
                    {
                        // silent in "sign", "signed"
                    }
                    else if (next is 'i' or 'e' or 'y')
                    {
                        key.Append('J');
                    }
                    else
                    {
                        key.Append('K');
                    }

                    break;
                case 'h':
                    if (IsVowel(next) && !(prev is 'c' or 's' or 'p' or 't' or 'g'))
                    {
                        key.Append('H');
                    }

                    break;
                case 'j':
                    key.Append('J');
                    break;
                case 'k':
                    if (prev != 'c')
                    {
                        key.Append('K');
                    }

                    break;
                case 'p':
                    if (next == 'h')
                    {
                        key.Append('F');
                        i++;
                    }
                    else
                    {
                        key.Append('P');
                    }

                    break;
                case 'q':
                    key.Append('K');
                    break;
                case 's':
                    if (next == 'h' || (next == 'i' && At(w, i + 2) is 'o' or 'a'))
                    {
                        key.Append('X');
                        i++;
                    }
                    else if (next == 'c' && At(w, i + 2) == 'h')
                    {
                        key.Append("SK");
                        i += 2;
                    }
                    else
                    {
                        key.Append('S');
                    }

                    break;
                case 't':
                    if (next == 'h')
                    {
                        key.Append('0');
                        i++;
                    }
                    else if (next == 'i' && At(w, i + 2) is 'o' or 'a')
                    {
                        key.Append('X');
                    }
                    else if (!(next == 'c' && At(w, i + 2) == 'h'))
                    {
                        key.Append('T');
                    }

                    break;
                case 'v':
                    key.Append('F');
                    break;
                case 'w':
                    if (IsVowel(next))
                    {
                        key.Append('W');
                    }

                    break;
                case 'x':
                    key.Append("KS");
                    break;
                case 'z':
                    key.Append('S');
                    break;
                default:
                    key.Append(char.ToUpperInvariant(c)); // f, l, m, n, r
                    break;
            }

            i++;
        }

        return key.Length > MaxLength ? key.ToString(0, MaxLength) : key.ToString();
    }

    private static string Prepare(string token)
    {
        var letters = new StringBuilder(token.Length);
        foreach (var c in NameText.Fold(token))
        {
            if (c is >= 'a' and <= 'z')
            {
                letters.Append(c);
            }
        }

        return letters.ToString();
    }

    private static char At(string w, int i) => i >= 0 && i < w.Length ? w[i] : '\0';

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
}
