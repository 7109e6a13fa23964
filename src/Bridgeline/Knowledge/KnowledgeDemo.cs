using Bridgeline.Auth;
using Bridgeline.Macros;

namespace Bridgeline.Knowledge;

/// <summary>Articles and macros for the stories: the parcel the carrier never received (S3), claims and refunds.</summary>
public sealed class KnowledgeDemo(ArticleOperations articles, MacroOperations macros)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var author = Actor.System;
        await articles.CreateAsync(new CreateArticleRequest(
            "Carrier never received the parcel",
            "carrier-never-received",
            """
            ## When this applies
            The only tracking event is **"Shipping label created, USPS awaiting item"** and it is more than three days old:
            the label was printed but the carrier never scanned the parcel.

            ## What to do
            1. Do not tell the customer to wait: the parcel has not left the warehouse.
            2. Offer a **reship with express shipping at no charge**, or a refund.
            3. Open an internal follow-up with the warehouse and the carrier; the customer does not see it.
            """,
            "Thank you for your patience. Your parcel was never handed to the carrier, so it has not moved since the label was created. We are sending a replacement today by express shipping at no cost to you, and you will receive the new tracking number by email.",
            "internal",
            ["shipping", "tracking"],
            ["order.where-is-my-order", "order.not-received"],
            ["carrier_never_received"]), author, ct);
        await articles.CreateAsync(new CreateArticleRequest(
            "Where is my order? Reading the tracking",
            "where-is-my-order",
            """
            # Where is my order?
            Your tracking number shows every step your parcel takes. **Label created** means the shop has prepared it;
            **In transit** means the carrier has it; **Out for delivery** means it arrives today.

            If nothing has changed for more than three working days, contact us and we will check with the carrier.
            """,
            "You can follow your parcel with the tracking link in your shipping email. If it has not moved for three working days, reply to this message and we will check with the carrier for you.",
            "public",
            ["shipping", "tracking"],
            ["order.where-is-my-order"],
            []), author, ct);
        await articles.CreateAsync(new CreateArticleRequest(
            "Disputed late fee after an account was closed",
            "late-fee-after-closure",
            """
            A fee dated after the account's closing date is reversed without asking the customer for proof.
            Check the closing date on the account, reverse the fee, and tell the customer when the credit shows.
            """,
            "We have reversed the late fee: your account was closed before it was charged. The credit will show on your final statement within five working days.",
            "internal",
            ["fees", "billing"],
            ["billing.fee-dispute"],
            []), author, ct);

        await macros.CreateAsync(new CreateMacroRequest(
            "Tracking: we are checking",
            null,
            "Hello {customer.first_name},\n\nThank you for contacting us about {order.number}. We are checking with the carrier and will update you on case {case.number} within one working day.\n\n{agent.name}",
            "pending_internal",
            ["carrier-check"]), author, ct);
        await macros.CreateAsync(new CreateMacroRequest(
            "Claim received",
            "Hotline",
            "Hello {customer.name},\n\nWe have your claim on case {case.number}. An adjuster will contact you; if you have photos or receipts, reply to this message with them.\n\n{team.name}",
            "pending_customer",
            ["claim-docs-requested"]), author, ct);
    }
}
