// Azure Bot registration with the Teams channel. The bot's app id is the user-assigned identity (UserAssignedMSI),
// so no client secret exists anywhere.
param name string
param sku string
param tags object
param messagingEndpoint string
param identityId string
param identityClientId string
param tenantId string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: { name: sku }
  properties: {
    displayName: 'ViR-Nordwest Veranstaltungen'
    description: 'Fragen zu Veranstaltungen der Virtuellen Region Nordwest'
    endpoint: messagingEndpoint
    msaAppId: identityClientId
    msaAppType: 'UserAssignedMSI'
    msaAppTenantId: tenantId
    msaAppMSIResourceId: identityId
    disableLocalAuth: true
  }

  resource teams 'channels' = {
    name: 'MsTeamsChannel'
    location: 'global'
    properties: {
      channelName: 'MsTeamsChannel'
      properties: { isEnabled: true }
    }
  }
}

output name string = bot.name
