using System.Text.RegularExpressions;

namespace Bridgeline.WrapUps;

/// <summary>What the scorer needs to know about the case the wrap-up closes.</summary>
public sealed record WrapUpContext(
    string? ContactReasonCode = null,
    string? ContactReasonName = null,
    string? CaseText = null,
    IReadOnlyList<string>? PreviousWrapUps = null);

/// <summary>One reason a wrap-up is refused: a stable code for reports and a message for the agent.</summary>
public sealed record WrapUpReason(string Code, string Message);

public sealed record WrapUpScore(int Score, bool Accepted, IReadOnlyList<WrapUpReason> Reasons, IReadOnlyList<string> Missing);

/// <summary>
/// Judges a wrap-up the way a manager reading it later would: is there anything in it? Refuses filler,
/// keyboard mashing, repetition, copies and text about nothing, and says what is missing.
/// Pure: the same text, context and thresholds always give the same verdict.
/// </summary>
public static partial class WrapUpScorer
{
    public const string Filler = "filler";
    public const string KeyboardMashing = "keyboard_mashing";
    public const string Repeated = "repeated";
    public const string TooShort = "too_short";
    public const string CopyOfPrevious = "copy_of_previous";
    public const string Boilerplate = "boilerplate";
    public const string OffTopic = "off_topic";
    public const string MissingParts = "missing_parts";

    public const string SayWhatWanted = "say what the caller asked for";
    public const string SayWhatDone = "say what was done";
    public const string SayWhatNext = "say what happens next (or that nothing does)";

    private static readonly HashSet<string> FillerWords = new(StringComparer.Ordinal)
    {
        "blah", "bla", "blablabla", "blahblah", "asdf", "asd", "test", "testing", "tst", "ok", "okay", "k", "kk",
        "called", "call", "calls", "na", "n/a", "none", "nothing", "nil", "x", "xx", "xxx", "etc", "lol", "hmm", "idk",
        "whatever", "same", "done", "fine", "note", "notes", "wrapup", "wrap-up", "lorem", "ipsum", "foo", "bar",
        "qwerty", "zzz", "aaa", "yada", "stuff", "things", "misc", "above", "before", "cx", "cust", "customer", "caller",
        "ty", "thx", "good", "yes", "-", "?", "...", "handled", "sorted", "spoke", "talked", "general", "enquiry", "inquiry",
        "query", "issue", "info", "information", "help", "helped", "dealt",
    };

    private static readonly string[] FillerPhrases =
    [
        "see above", "same as before", "same as above", "as above", "as per above", "as before", "no notes", "nothing to add",
        "not applicable", "n / a", "see previous", "see notes", "per previous",
    ];

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "by", "from", "is", "was", "were",
        "be", "been", "are", "it", "its", "this", "that", "he", "she", "they", "them", "his", "her", "their", "i", "we", "me",
        "my", "our", "you", "your", "as", "so", "if", "then", "than", "there", "here", "has", "have", "had", "do", "did",
        "does", "not", "no", "yes", "just", "also", "very", "about", "into", "up", "out", "all", "any", "some", "will", "would",
        "can", "could", "should", "re", "per", "via", "again", "still", "what", "when", "which", "who",
    };

    // Words a support note is made of: if none of these, nor a word of the case, nor a number appears, the note is about nothing.
    private static readonly string[] DomainStems =
    [
        "refund", "order", "deliver", "parcel", "package", "ship", "track", "carrier", "courier", "claim", "bill", "invoice",
        "charge", "fee", "payment", "paid", "pay", "account", "balance", "card", "credit", "debit", "plan", "subscri", "contract",
        "cancel", "return", "replace", "reship", "exchange", "warrant", "damage", "broken", "faulty", "missing", "lost", "late",
        "address", "email", "phone", "password", "login", "access", "reset", "verif", "appoint", "technician", "engineer",
        "outage", "service", "internet", "line", "router", "signal", "connect", "insur", "adjuster", "policy", "boat", "house",
        "roof", "flood", "storm", "damage", "escalat", "supervisor", "manager", "complain", "callback", "discount", "voucher",
        "coupon", "price", "quote", "upgrade", "downgrade", "meter", "reading", "usage", "statement", "direct", "transfer",
        "loan", "mortgage", "booking", "reservation", "flight", "ticket", "seat", "hotel", "prescription", "medication",
        "doctor", "clinic", "appointment", "install", "repair", "visit", "stock", "size", "colour", "color", "item", "product",
        "store", "shop", "website", "app", "portal", "form", "document", "photo", "receipt", "proof", "evidence", "grant",
        "aid", "relief", "shelter", "fuel", "generator", "power", "water", "gas", "electric", "tenant", "landlord", "rent",
        "collection", "debt", "arrears", "overdraft", "interest", "tax", "fraud", "dispute", "chargeback", "name", "tariff",
        "roaming", "sim", "handset", "device", "laptop", "screen", "battery", "voucher", "loyalty", "points", "membership",
        "parking", "permit", "licen", "benefit", "pension", "premium", "basic", "usd", "eur", "gbp", "dollar", "euro", "pound",
    ];

    private static readonly string[] WantedCues =
    [
        "want", "asked", "asking", "asks", "request", "need", "complain", "report", "query", "question", "enquir", "inquir",
        "about", "regarding", "dispute", "where", "why", "how", "unable", "cannot", "can't", "couldn't", "didn't", "hasn't",
        "not received", "never", "missing", "wrong", "charged", "problem", "because", "wondering", "upset", "angry", "unhappy",
        "chasing", "follow up on", "status of", "check on", "checking on", "would like", "wished", "hoping", "looking for",
        "called in for", "called for", "calling for", "rang about", "rang for", "for order", "for claim", "lost", "late", "broken",
        "damaged", "overcharged", "locked out", "stuck", "confused", "no answer", "no reply", "waiting", "denied", "rejected",
    ];

    private static readonly string[] NextCues =
    [
        "next", "will ", "follow-up", "follow up", "followup", "callback", "call back", "calling back", "by ", "tomorrow", "today",
        "within", "pending", "awaiting", "await", "waiting", "no further", "nothing further", "no action", "closed", "resolved",
        "due", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "expects", "expect", "should arrive",
        "to arrive", "arrive", "eta", "escalat", "handed", "passed to", "transferred", "sent to", "ticket", "case stays", "keep open",
        "kept open", "remain open", "reopen", "if ", "unless", "once", "until", "hours", "days", "weeks", "week", "satisfied",
        "happy", "agreed", "confirmed", "no more", "nothing more", "complete", "completed", "finished", "fixed", "sorted out",
    ];

    private static readonly string[] DoneCues =
    [
        "refund", "reship", "explain", "advis", "sent", "send", "updat", "escalat", "process", "issued", "open", "filed", "check",
        "confirm", "correct", "revers", "credit", "cancel", "book", "schedul", "transfer", "reset", "told", "gave", "given", "log",
        "raise", "submit", "approv", "denied", "applied", "chang", "verif", "resolv", "fix", "arrang", "email", "walked", "guided",
        "offer", "waiv", "replac", "order", "creat", "add", "remov", "unlock", "activat", "deactivat", "restor", "investigat",
        "look", "found", "trac", "contact", "spoke", "rang", "call", "promis", "noted", "record", "declin", "accept", "authoris",
        "authoriz", "apologi", "paid", "pay", "adjust", "discount", "upgrad", "downgrad", "renew", "extend", "rebook", "reissu",
        "dispatch", "collect", "requested", "asked", "provided", "explained", "read", "quoted", "set up", "setup", "took",
    ];

    private static readonly string[] KeyboardRuns =
    [
        "qwer", "wert", "erty", "rtyu", "tyui", "yuio", "uiop", "asdf", "sdfg", "dfgh", "fghj", "ghjk", "hjkl", "zxcv", "xcvb",
        "cvbn", "vbnm", "qaz", "wsx", "edc", "rfv", "tgb", "yhn", "ujm", "poiu", "lkjh", "mnbv", "fdsa", "jkl;", "dsa", "ewq",
    ];

    private static readonly HashSet<string> ShortUpperOk = new(StringComparer.Ordinal)
    {
        "sms", "pdf", "crm", "dhl", "ups", "usps", "tnt", "dpd", "gls", "vpn", "dns", "pin", "html", "url", "www", "mms", "ssn",
        "rmb", "vcr", "dvd", "tv", "pc", "cctv", "nfc", "gps", "ltd", "llc", "plc", "bsb", "bsc", "mrs", "hwy", "rd", "st",
    };

    public static WrapUpScore Score(string text, WrapUpContext context, WrapUpThresholds thresholds)
    {
        var reasons = new List<WrapUpReason>();
        var lower = text.ToLowerInvariant();
        var tokens = Tokenize(lower);
        var phraseless = lower;
        var fillerPhrasesFound = new List<string>();
        foreach (var phrase in FillerPhrases)
        {
            if (phraseless.Contains(phrase, StringComparison.Ordinal))
            {
                fillerPhrasesFound.Add(phrase);
                phraseless = phraseless.Replace(phrase, " ", StringComparison.Ordinal);
            }
        }

        var meaningful = Tokenize(phraseless).Where(t => !StopWords.Contains(t)).ToList();
        var fillers = meaningful.Where(IsFiller).ToList();
        var mashed = meaningful.Where(IsMashed).ToList();
        var content = meaningful.Where(t => !IsFiller(t) && !IsMashed(t)).ToList();

        var fillerShare = meaningful.Count == 0 ? 1.0 : (double)fillers.Count / meaningful.Count;
        if (tokens.Count == 0 || fillerPhrasesFound.Count > 0 && content.Count < thresholds.MinContentWords || fillerShare >= thresholds.MaxFillerShare && fillers.Count > 0)
        {
            var found = fillerPhrasesFound.Concat(fillers.Distinct(StringComparer.Ordinal)).Take(4).Select(f => $"\"{f}\"").ToList();
            reasons.Add(new(Filler, found.Count == 0
                ? "The wrap-up is empty of words."
                : $"{string.Join(", ", found)} {(found.Count == 1 ? "is" : "are")} filler, not a note: write what happened in real words."));
        }

        var letterTokens = tokens.Where(t => t.Any(char.IsLetter)).ToList();
        if (mashed.Count > 0 && (double)mashed.Count / Math.Max(1, meaningful.Count) >= thresholds.MaxMashedShare)
        {
            reasons.Add(new(KeyboardMashing, $"\"{mashed[0]}\" looks like keyboard mashing, not words."));
        }

        var repeated = RepeatedWord(letterTokens.Where(t => !StopWords.Contains(t)).ToList(), thresholds);
        if (repeated is not null)
        {
            reasons.Add(new(Repeated, $"\"{repeated}\" is repeated instead of saying something new."));
        }

        var minWords = thresholds.MinContentWordsFor(context.ContactReasonCode);
        if (content.Count < minWords && !reasons.Any(r => r.Code == Filler && tokens.Count <= 3))
        {
            var forReason = context.ContactReasonName ?? context.ContactReasonCode;
            reasons.Add(new(TooShort, forReason is null
                ? $"Too little to go on: {content.Count} word(s) of substance, at least {minWords} needed."
                : $"Too little for a \"{forReason}\" contact: {content.Count} word(s) of substance, at least {minWords} needed."));
        }

        var shingles = Shingles(content);
        foreach (var previous in context.PreviousWrapUps ?? [])
        {
            if (content.Count > 0 && Similarity(shingles, Shingles(ContentOf(previous))) >= thresholds.CopySimilarity)
            {
                reasons.Add(new(CopyOfPrevious, "This is a copy of one of your earlier wrap-ups: describe this call, not the last one."));
                break;
            }
        }

        foreach (var boiler in thresholds.Boilerplate)
        {
            if (content.Count > 0 && Similarity(shingles, Shingles(ContentOf(boiler))) >= thresholds.CopySimilarity)
            {
                reasons.Add(new(Boilerplate, $"This is boilerplate (\"{boiler}\"): say what this caller needed and what you did."));
                break;
            }
        }

        if (content.Count > 0 && !reasons.Any(r => r.Code is Filler or KeyboardMashing) && !IsOnTopic(content, lower, context))
        {
            reasons.Add(new(OffTopic, "Nothing in it is about the customer or the case: name the order, claim, bill or problem."));
        }

        var missing = new List<string>();
        if (!HasCue(lower, WantedCues))
        {
            missing.Add(SayWhatWanted);
        }

        if (!HasCue(lower, DoneCues) && !content.Any(t => t.EndsWith("ed", StringComparison.Ordinal) && t.Length >= 5))
        {
            missing.Add(SayWhatDone);
        }

        if (!HasCue(lower, NextCues))
        {
            missing.Add(SayWhatNext);
        }

        var score = 100 - (15 * missing.Count) - (35 * reasons.Count);
        score = Math.Clamp(score, 0, 100);
        if (reasons.Count == 0 && score < thresholds.MinScore)
        {
            reasons.Add(new(MissingParts, "The wrap-up does not say what the caller wanted, what was done, or what happens next."));
        }

        if (reasons.Count > 0 && missing.Count == 0)
        {
            // A refusal always says what would make it acceptable.
            missing.Add(SayWhatWanted);
        }

        return new WrapUpScore(score, reasons.Count == 0, reasons, reasons.Count == 0 ? missing : missing);
    }

    /// <summary>Judges a structured wrap-up: each part must be there and be real words; then the whole is scored as one text.</summary>
    public static WrapUpScore ScoreStructured(string? customerWanted, string? done, string? next, WrapUpContext context, WrapUpThresholds thresholds)
    {
        var reasons = new List<WrapUpReason>();
        var missing = new List<string>();
        Part(customerWanted, SayWhatWanted, "customerWanted");
        Part(done, SayWhatDone, "done");
        Part(next, SayWhatNext, "next");
        var whole = Compose(customerWanted, done, next);
        var scored = Score(whole, context, thresholds);
        var allReasons = reasons.Concat(scored.Reasons.Where(r => r.Code != MissingParts && reasons.All(p => p.Code != r.Code))).ToList();
        var score = Math.Clamp(scored.Score - (20 * reasons.Count), 0, 100);
        return new WrapUpScore(score, allReasons.Count == 0, allReasons, missing.Count > 0 ? missing : allReasons.Count > 0 ? scored.Missing : []);

        void Part(string? value, string hint, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                missing.Add(hint);
                reasons.Add(new("missing_" + field, char.ToUpperInvariant(hint[0]) + hint[1..] + "."));
                return;
            }

            var tokens = Tokenize(value.ToLowerInvariant()).Where(t => !StopWords.Contains(t)).ToList();
            if (tokens.Count > 0 && tokens.All(t => IsFiller(t) || IsMashed(t)))
            {
                missing.Add(hint);
                reasons.Add(new("missing_" + field, $"\"{value.Trim()}\" is not an answer: {hint}."));
            }
        }
    }

    public static string Compose(string? customerWanted, string? done, string? next)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(customerWanted))
        {
            parts.Add("Customer wanted: " + customerWanted.Trim().TrimEnd('.') + ".");
        }

        if (!string.IsNullOrWhiteSpace(done))
        {
            parts.Add("Done: " + done.Trim().TrimEnd('.') + ".");
        }

        if (!string.IsNullOrWhiteSpace(next))
        {
            parts.Add("Next: " + next.Trim().TrimEnd('.') + ".");
        }

        return string.Join(" ", parts);
    }

    internal static List<string> Tokenize(string lower)
    {
        var list = new List<string>();
        foreach (Match m in TokenPattern().Matches(lower))
        {
            list.Add(m.Value.TrimEnd('.', '-', '/', '\''));
        }

        return list.Where(t => t.Length > 0).ToList();
    }

    private static List<string> ContentOf(string text) =>
        Tokenize(text.ToLowerInvariant()).Where(t => !StopWords.Contains(t) && !IsFiller(t) && !IsMashed(t)).ToList();

    private static bool IsFiller(string token) =>
        FillerWords.Contains(token) || BlahPattern().IsMatch(token) || (token.Length >= 2 && token.All(c => c == token[0]) && !char.IsDigit(token[0]));

    internal static bool IsMashed(string token)
    {
        if (token.Any(char.IsDigit) || token.Length < 4 || FillerWords.Contains(token) || ShortUpperOk.Contains(token))
        {
            return false;
        }

        var letters = token.Where(char.IsLetter).ToArray();
        if (letters.Length < 4)
        {
            return false;
        }

        var vowels = letters.Count(c => "aeiouy".Contains(c, StringComparison.Ordinal));
        if (vowels == 0)
        {
            return true;
        }

        if (ConsonantRun().IsMatch(token) || SameLetterRun().IsMatch(token))
        {
            return true;
        }

        var runs = KeyboardRuns.Count(r => token.Contains(r, StringComparison.Ordinal));
        return runs >= 2 || (runs == 1 && (double)vowels / letters.Length < 0.25);
    }

    private static string? RepeatedWord(List<string> words, WrapUpThresholds thresholds)
    {
        if (words.Count < 3)
        {
            return null;
        }

        var top = words.GroupBy(w => w, StringComparer.Ordinal).OrderByDescending(g => g.Count()).First();
        var distinctShare = (double)words.Distinct(StringComparer.Ordinal).Count() / words.Count;
        if (top.Count() >= 3 && distinctShare <= thresholds.MaxRepeatShare)
        {
            return top.Key;
        }

        // A phrase said over and over: the same three words three times or more.
        for (var i = 0; i + 2 < words.Count; i++)
        {
            var phrase = string.Join(' ', words.Skip(i).Take(3));
            var count = 0;
            for (var j = 0; j + 2 < words.Count; j++)
            {
                if (string.Join(' ', words.Skip(j).Take(3)) == phrase)
                {
                    count++;
                }
            }

            if (count >= 3)
            {
                return phrase;
            }
        }

        return null;
    }

    private static HashSet<string> Shingles(List<string> words)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (words.Count < 3)
        {
            foreach (var w in words)
            {
                set.Add(w);
            }

            return set;
        }

        for (var i = 0; i + 1 < words.Count; i++)
        {
            set.Add(words[i] + " " + words[i + 1]);
        }

        return set;
    }

    private static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    private static bool IsOnTopic(List<string> content, string lower, WrapUpContext context)
    {
        if (content.Any(t => t.Any(char.IsDigit)))
        {
            return true;
        }

        if (content.Any(t => DomainStems.Any(s => t.StartsWith(s, StringComparison.Ordinal))))
        {
            return true;
        }

        var caseWords = Tokenize(((context.CaseText ?? "") + " " + (context.ContactReasonName ?? "") + " " + (context.ContactReasonCode ?? "").Replace('.', ' ').Replace('-', ' ')).ToLowerInvariant())
            .Where(t => t.Length >= 4 && !StopWords.Contains(t))
            .ToHashSet(StringComparer.Ordinal);
        return content.Any(t => t.Length >= 4 && caseWords.Contains(t)) || lower.Contains('@', StringComparison.Ordinal);
    }

    private static bool HasCue(string lower, string[] cues) =>
        cues.Any(c => c.EndsWith(' ') ? lower.Contains(c, StringComparison.Ordinal) : WordStartPattern(lower, c));

    private static bool WordStartPattern(string lower, string cue)
    {
        var index = lower.IndexOf(cue, StringComparison.Ordinal);
        while (index >= 0)
        {
            if (index == 0 || !char.IsLetterOrDigit(lower[index - 1]))
            {
                return true;
            }

            index = lower.IndexOf(cue, index + 1, StringComparison.Ordinal);
        }

        return false;
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'\-/\.]*|\?+|-+", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^(b+l+a+h*)+$|^(la)+$|^(ha)+h?$", RegexOptions.CultureInvariant)]
    private static partial Regex BlahPattern();

    [GeneratedRegex(@"[bcdfghjklmnpqrstvwxz]{5,}", RegexOptions.CultureInvariant)]
    private static partial Regex ConsonantRun();

    [GeneratedRegex(@"([a-z])\1{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex SameLetterRun();
}
