namespace Bridgeline.Actions;

public static class ActionsSetup
{
    public static IServiceCollection AddResolutionActions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ActionAuthority>();
        if (string.Equals(configuration["Actions:Connector"], "webhook", StringComparison.OrdinalIgnoreCase))
        {
            services.AddOptions<WebhookConnectorOptions>().Bind(configuration.GetSection(WebhookConnectorOptions.Section))
                .Validate(o => Uri.TryCreate(o.Url, UriKind.Absolute, out _) && !string.IsNullOrEmpty(o.Secret), "Actions:Connector is webhook: set Actions:Webhook:Url (absolute) and Actions:Webhook:Secret.")
                .ValidateOnStart();
            services.AddHttpClient<IActionConnector, WebhookConnector>();
        }
        else
        {
            services.AddScoped<IActionConnector, LedgerConnector>();
        }

        services.AddScoped<RecordResolutionAction>();
        return services;
    }
}
