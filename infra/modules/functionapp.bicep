// Flex Consumption function app (Linux) running the self-contained custom handler (runtime "custom").
// The app settings below are the whole contract between infrastructure and code; the test
// tests/VirServerless.Functions.Tests/Infra/AppSettingsContractTests.cs checks every name against the code.
// Not set on Flex: FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION (functionAppConfig.runtime replaces
// them) and WEBSITE_RUN_FROM_PACKAGE (the package comes from the deployment container).
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerUrl string
param appInsightsConnectionString string
@secure()
param adminApiKey string
param senderAddress string
param senderName string
@description('ACS endpoint for the ACS mail sender (setting Mail__Acs__Endpoint once the code reads it).')
param acsEndpoint string
param publicBaseUrl string
param tenantId string
@description('App registration of the organisers\' Microsoft 365 sign-in; empty: admin key only.')
param organiserSignInClientId string = ''
@secure()
param organiserSignInClientSecret string = ''
param organiserRole string = 'Organisator'
param maximumInstanceCount int = 40
param instanceMemoryMB int = 2048

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
  }
}

var baseUrl = empty(publicBaseUrl) ? 'https://${site.properties.defaultHostName}/' : publicBaseUrl

var appSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__tableServiceUri: 'https://${storageAccountName}.table.${environment().suffixes.storage}'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  Admin__ApiKey: adminApiKey
  PublicBaseUrl: baseUrl
  Mail__SenderAddress: senderAddress
  Mail__SenderName: senderName
  Mail__Acs__Endpoint: acsEndpoint
  Mail__Acs__credential: 'managedidentity'
  Mail__Acs__clientId: identityClientId
  Bot__MicrosoftAppId: identityClientId
  Bot__MicrosoftAppType: 'UserAssignedMSI'
  Bot__MicrosoftAppTenantId: tenantId
  // Members of our own tenant may register in the chat; add the member municipalities' tenants here.
  Bot__AllowedTenants__0: tenantId
  // The tenant's own issuer (never 'common'): only accounts of this tenant can sign in. Empty client id: key only.
  Organisers__Entra__Authority: empty(organiserSignInClientId) ? '' : '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
  Organisers__Entra__ClientId: organiserSignInClientId
  Organisers__Entra__ClientSecret: organiserSignInClientSecret
  Organisers__Entra__OrganiserRole: organiserRole
  DispatchOutboxSchedule: '0 */1 * * * *'
  MoveUpWaitlistsSchedule: '30 */5 * * * *'
  SendRemindersSchedule: '15 */15 * * * *'
  PurgePersonalDataSchedule: '0 30 2 * * *'
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
}

// Admin routes have authLevel "function": the host checks x-functions-key before the app checks Admin__ApiKey, so
// the same value is installed as a host key.
resource adminHostKey 'Microsoft.Web/sites/host/functionKeys@2024-04-01' = {
  name: '${site.name}/default/verwaltung'
  properties: {
    name: 'verwaltung'
    value: adminApiKey
  }
  dependsOn: [settings]
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output acsEndpoint string = acsEndpoint
