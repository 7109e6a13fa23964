namespace Bridgeline.Actions;

public static class ActionsSetup
{
    public static IServiceCollection AddResolutionActions(this IServiceCollection services)
    {
        services.AddScoped<ActionAuthority>();
        services.AddScoped<IActionConnector, LedgerConnector>();
        services.AddScoped<RecordResolutionAction>();
        return services;
    }
}
