// ACS e-mail: an e-mail service with one domain (the ViR-Nordwest domain, verified through DNS, or an
// Azure-managed *.azurecomm.net domain for tests), linked to a Communication Services resource.
param communicationName string
param emailServiceName string
@description('Custom mail domain; empty = Azure-managed domain.')
param senderDomain string
param dataLocation string
param tags object
param identityPrincipalId string

// ACS documents managed-identity access with the Contributor role on the Communication Services resource.
var contributor = 'b24988ac-6180-42a0-ab88-20f7382dd24c'
var managed = empty(senderDomain)

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: { dataLocation: dataLocation }

  resource domain 'domains' = {
    name: managed ? 'AzureManagedDomain' : senderDomain
    location: 'global'
    tags: tags
    properties: {
      domainManagement: managed ? 'AzureManaged' : 'CustomerManaged'
      userEngagementTracking: 'Disabled'
    }
  }
}

resource communication 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: communicationName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [emailService::domain.id]
  }
}

resource sender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communication.id, identityPrincipalId, contributor)
  scope: communication
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', contributor)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output endpoint string = 'https://${communication.properties.hostName}'
output mailDomain string = emailService::domain.properties.mailFromSenderDomain
output verificationRecords object = managed ? {} : emailService::domain.properties.verificationRecords
