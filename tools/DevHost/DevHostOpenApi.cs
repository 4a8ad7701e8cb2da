using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using BitcoinEvents.Infrastructure.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace BitcoinEvents.DevHost;

/// <summary>
/// The platform's OpenAPI document at <c>/openapi/v1.json</c>: every area's endpoints, complete
/// enough to generate a client. Besides what ASP.NET Core describes on its own (routes, bodies,
/// the problems each endpoint declares, DataAnnotations lengths and ranges), it adds: the Cognito
/// JWT bearer scheme, required on every operation not marked anonymous; the headers the
/// platform's middleware reads (Idempotency-Key); the pattern of resource ids in paths; required
/// body fields as non-null; allowed values as enums, item counts, instants as date-time strings,
/// query numbers the handler parses as integers; and the problem members <c>code</c> and <c>traceId</c>.
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
                document.Info.Description = "Every area's HTTP API, as served by tools/DevHost (the routes of template.yaml). "
                    + "Errors are RFC 9457 problem details (application/problem+json) with a stable code; see docs/problems.md.";
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

                operation.Parameters ??= [];
                foreach (var header in metadata.OfType<RequestHeaderMetadata>())
                {
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = header.Name,
                        In = ParameterLocation.Header,
                        Required = header.Required,
                        Description = header.Description,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = header.MaxLength },
                    });
                }

                var resourceIds = context.ApplicationServices.GetService<IOptions<ResourceIdOptions>>()?.Value;
                foreach (var description in context.Description.ParameterDescriptions)
                {
                    if (operation.Parameters.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == description.Name) is not { Schema: OpenApiSchema schema } parameter)
                    {
                        continue;
                    }

                    if (parameter.In == ParameterLocation.Path && resourceIds?.Find(description.Name) is { Pattern: { } pattern } rule)
                    {
                        schema.Pattern = pattern;
                        parameter.Description ??= $"The {rule.Resource}'s id.";
                    }

                    var attributes = ParameterAttributes(description);
                    DescribeAllowedValues(schema, attributes);
                    if (schema.Type == JsonSchemaType.String && attributes.OfType<RangeAttribute>().Any())
                    {
                        // Text the handler parses as a whole number in that range.
                        schema.Type = JsonSchemaType.Integer;
                        schema.Format = "int32";
                    }
                }

                return Task.CompletedTask;
            });

            options.AddSchemaTransformer((schema, context, _) =>
            {
                if ((Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type) == typeof(BitcoinEvents.Domain.Money.Money))
                {
                    // The domain's money is written by StoredMoneyConverter, not from its properties:
                    // the same {amount, currency} as every other amount of the API (MoneyDto).
                    DescribeMoney(schema);
                    return Task.CompletedTask;
                }

                if (context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object)
                {
                    return Task.CompletedTask;
                }

                if (typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type))
                {
                    DescribeProblem(schema);
                    return Task.CompletedTask;
                }

                foreach (var property in context.JsonTypeInfo.Properties)
                {
                    if (schema.Properties?.TryGetValue(property.Name, out var found) != true || found is not OpenApiSchema propertySchema)
                    {
                        continue;
                    }

                    var attributes = property.AttributeProvider?.GetCustomAttributes(inherit: true) ?? [];
                    if ((property.IsGetNullable || Nullable.GetUnderlyingType(property.PropertyType) is not null)
                        && !attributes.OfType<RequiredAttribute>().Any())
                    {
                        // Null members are left out of the JSON (WhenWritingNull): optional, not required.
                        schema.Required?.Remove(property.Name);
                    }

                    var required = schema.Required?.Contains(property.Name) == true;
                    if (propertySchema.Format == "date-time" && propertySchema.Type is null)
                    {
                        propertySchema.Type = required ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                    }

                    if (required && propertySchema.Type is { } type)
                    {
                        propertySchema.Type = type & ~JsonSchemaType.Null;
                    }

                    if (required && propertySchema.OneOf is { Count: 2 } oneOf && oneOf.FirstOrDefault(s => s.Type != JsonSchemaType.Null) is { } notNull)
                    {
                        schema.Properties[property.Name] = notNull;
                        continue;
                    }

                    DescribeAllowedValues(propertySchema, attributes);
                    if (attributes.OfType<ItemCountAttribute>().FirstOrDefault() is { } count)
                    {
                        propertySchema.MinItems = count.Minimum;
                        propertySchema.MaxItems = count.Maximum;
                    }
                }

                return Task.CompletedTask;
            });
        });
    }

    private static object[] ParameterAttributes(ApiParameterDescription description) =>
        description.ParameterDescriptor is IParameterInfoParameterDescriptor { ParameterInfo: { } info }
            ? info.GetCustomAttributes(inherit: true)
            : [];

    private static void DescribeAllowedValues(OpenApiSchema schema, IEnumerable<object> attributes)
    {
        if (attributes.OfType<AllowedValuesAttribute>().FirstOrDefault() is { } allowed)
        {
            schema.Enum = [.. allowed.Values.OfType<string>().Where(v => v.Length > 0).Select(v => (JsonNode)JsonValue.Create(v))];
        }
    }

    private static void DescribeMoney(OpenApiSchema schema)
    {
        schema.Type = JsonSchemaType.Object;
        schema.Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["amount"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "In the currency's minor unit (cents, paise; satoshis for BTC)." },
            ["currency"] = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        schema.Required = new HashSet<string>(StringComparer.Ordinal) { "amount", "currency" };
        schema.AdditionalPropertiesAllowed = false;
    }

    private static void DescribeProblem(OpenApiSchema schema)
    {
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties[Problems.CodeExtension] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "What went wrong, as a stable identifier (docs/problems.md); type is the same as a URI.",
        };
        schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace, for support." };
        schema.Required ??= new HashSet<string>();
        foreach (var member in new[] { "type", "title", "status", Problems.CodeExtension })
        {
            schema.Required.Add(member);
        }
    }
}
