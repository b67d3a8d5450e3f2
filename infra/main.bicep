// VirServerless on Azure: one resource group with a Flex Consumption function app (custom handler), its storage
// account (tables and host storage, no shared keys), ACS e-mail, an Azure Bot in Teams, Application Insights and one
// user-assigned identity that everything authenticates with. Deployed by `azd up` (see azure.yaml, docs/deployment.md).
targetScope = 'subscription'

@minLength(1)
@maxLength(32)
@description('azd environment name; part of every resource name.')
param environmentName string

@description('Azure region, e.g. germanywestcentral (check that Flex Consumption is offered there).')
param location string

@description('Mail domain of ViR-Nordwest, e.g. vir-nordwest.de. Empty: an Azure-managed domain (*.azurecomm.net) for tests.')
param senderDomain string = ''

@description('Local part of the sender address.')
param senderLocalPart string = 'veranstaltungen'

@description('Display name of the sender.')
param senderName string = 'ViR-Nordwest Veranstaltungen'

@secure()
@minLength(32)
@description('Admin key: sent as x-functions-key; also installed as the host key "verwaltung" so the Functions host lets admin calls through.')
param adminApiKey string

@description('Public base URL for links in mails; empty = the function app\'s default host name.')
param publicBaseUrl string = ''

@description('Application (client) id of the app registration for the organisers\' Microsoft 365 sign-in (docs/deployment.md); empty: sign-in with the admin key only.')
param organiserSignInClientId string = ''

@secure()
@description('Client secret of that app registration; empty when organiserSignInClientId is empty.')
param organiserSignInClientSecret string = ''

@description('App role of that app registration that makes an account an organiser.')
param organiserRole string = 'Organisator'

@description('Data location of ACS and the e-mail service (Europe, Germany, ...).')
param acsDataLocation string = 'Europe'

@description('Azure Bot pricing tier: F0 (free, standard channels incl. Teams) or S1.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

var suffix = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName, project: 'virserverless' }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: rg
  name: 'identity'
  params: { name: 'id-virserverless-${suffix}', location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-virserverless-${suffix}'
    appInsightsName: 'appi-virserverless-${suffix}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  name: 'storage'
  params: {
    name: 'stvir${suffix}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
  }
}

module acs 'modules/acs.bicep' = {
  scope: rg
  name: 'acs'
  params: {
    communicationName: 'acs-virserverless-${suffix}'
    emailServiceName: 'ecs-virserverless-${suffix}'
    senderDomain: senderDomain
    dataLocation: acsDataLocation
    tags: tags
    identityPrincipalId: identity.outputs.principalId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  scope: rg
  name: 'functionapp'
  params: {
    name: 'func-virserverless-${suffix}'
    planName: 'plan-virserverless-${suffix}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    adminApiKey: adminApiKey
    senderAddress: '${senderLocalPart}@${acs.outputs.mailDomain}'
    senderName: senderName
    acsEndpoint: acs.outputs.endpoint
    publicBaseUrl: publicBaseUrl
    tenantId: tenant().tenantId
    organiserSignInClientId: organiserSignInClientId
    organiserSignInClientSecret: organiserSignInClientSecret
    organiserRole: organiserRole
  }
}

module bot 'modules/bot.bicep' = {
  scope: rg
  name: 'bot'
  params: {
    name: 'bot-virserverless-${suffix}'
    sku: botSku
    tags: tags
    messagingEndpoint: 'https://${functionApp.outputs.defaultHostName}/api/messages'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    tenantId: tenant().tenantId
  }
}

output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_FUNCTIONS_URL string = 'https://${functionApp.outputs.defaultHostName}'
output BOT_APP_ID string = identity.outputs.clientId
output MAIL_SENDER_ADDRESS string = '${senderLocalPart}@${acs.outputs.mailDomain}'
output MAIL_DOMAIN_VERIFICATION_RECORDS object = acs.outputs.verificationRecords
