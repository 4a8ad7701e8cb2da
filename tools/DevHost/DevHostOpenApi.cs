using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace BitcoinEvents.DevHost;

/// <summary>
/// The platform's OpenAPI document at <c>/openapi/v1.json</c>: every area's endpoints, the
/// Cognito JWT bearer scheme, and that scheme required on every operation not marked anonymous.
/// </summary>
internal static class DevHostOpenApi
{
    public const string DocumentName = "v1";
    public const string SecuritySchemeName = "cognito";

    public static void Add(IServiceCollection services, string? issuer)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Bitcoin Event Platform";
                document.Info.Description = "Every area's HTTP API, as served by tools/DevHost (the routes of template.yaml).";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A Cognito access or ID token (API Gateway's JWT authorizer in AWS; cognito-local"
                        + (issuer is null ? "" : $", issuer {issuer},") + " locally).",
                };
                return Task.CompletedTask;
            });

            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (!metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(SecuritySchemeName, context.Document)] = [],
                    });
                }

                return Task.CompletedTask;
            });
        });
    }
}
