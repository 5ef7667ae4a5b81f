import Foundation
import Testing
import EniplanYAML
@testable import EniplanCore

/// The words eniplan compares and writes are enums: change reasons, statuses and field names. Their raw
/// values are public contracts (the JSON plan, the manifest and policy formats), pinned here one by one.
@Suite("vocabulary")
struct VocabularyTests {
    typealias Fixtures = CIReportFixtures

    // MARK: Change reasons

    static let reasonCodes: [(ChangeReason, String)] = [
        (.absentFromDesiredState, "absent_from_desired_state"), (.serviceManaged, "service_managed"), (.releasePreview, "release_preview"),
        (.deletionProtectionBlocksRelease, "deletion_protection_blocks_release"), (.subscriptionBlocksRelease, "subscription_blocks_release"),
        (.routeEntryBlocksRelease, "route_entry_blocks_release"), (.zoneChanged, "zone_changed"), (.newInstance, "new_instance"),
        (.networkInterfacesChanged, "network_interfaces_changed"), (.attributesChanged, "attributes_changed"),
        (.unchanged, "unchanged"), (.deleteOnReleaseDefault, "delete_on_release_default"),
        (.deleteOnReleaseTrue, "delete_on_release_true"), (.deleteOnReleaseFalse, "delete_on_release_false"),
        (.deleteOnReleaseUnknown, "delete_on_release_unknown"),
        (.primaryRetentionUnsupportedInRegion, "primary_retention_unsupported_in_region"), (.regionUnknown, "region_unknown"),
        (.releasedBeforeReuse, "released_before_reuse"), (.reusedByInstance, "reused_by_instance"), (.detachedBeforeRelease, "detached_before_release"),
        (.primaryENICannotBeDetached, "primary_eni_cannot_be_detached"),
        (.secondaryENICannotBecomePrimary, "secondary_eni_cannot_become_primary"), (.movedToInstance, "moved_to_instance"),
        (.movedFromInstance, "moved_from_instance"), (.detached, "detached"), (.attachedAvailableENI, "attached_available_eni"),
        (.newNetworkInterface, "new_network_interface"), (.deleteOnReleaseChanged, "delete_on_release_changed"),
        (.securityGroupsChanged, "security_groups_changed"), (.addressesChanged, "addresses_changed"), (.eipChanged, "eip_changed"),
        (.routeEntryAdded, "route_entry_added"), (.routeEntryRemoved, "route_entry_removed"), (.routeEntryRepointed, "route_entry_repointed"),
    ]

    @Test func everyReasonKeepsItsCode() {
        #expect(Self.reasonCodes.count == ChangeReason.allCases.count)
        for (reason, code) in Self.reasonCodes {
            #expect(reason.rawValue == code)
            #expect(ChangeReason(rawValue: code) == reason)
        }
    }

    /// The JSON plan writes the code, not the case name.
    @Test func aReasonEncodesAsItsCode() throws {
        let data = try JSONEncoder().encode([ChangeReason.primaryENICannotBeDetached])
        #expect(String(decoding: data, as: UTF8.self) == #"["primary_eni_cannot_be_detached"]"#)
    }

    /// `Schemas/plan.schema.json` lists every reason, in the enum's order, and no other.
    @Test func thePlanSchemaListsEveryReason() throws {
        let url = Fixtures.packageRoot.appendingPathComponent("Schemas/plan.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let definitions = try #require(schema["$defs"] as? [String: Any])
        let change = try #require(definitions["change"] as? [String: Any])
        let properties = try #require(change["properties"] as? [String: Any])
        let reason = try #require(properties["reason"] as? [String: Any])
        #expect(reason["enum"] as? [String] == ChangeReason.allCases.map(\.rawValue))
    }

    /// The text plan's words for each reason an ENI carries; instances' reasons are in their headline instead.
    static let phrases: [(ChangeReason, String?)] = [
        (.deleteOnReleaseFalse, "deleteOnRelease: false"), (.reusedByInstance, "deleteOnRelease: false"),
        (.deleteOnReleaseDefault, "deleteOnRelease not set: the default, true, releases it"),
        (.primaryRetentionUnsupportedInRegion, "deleteOnRelease: false, but this region does not retain primary ENIs"),
        (.serviceManaged, "managed by another cloud service, which owns it: not eniplan's to delete"),
        (.detached, "listed as Available in the desired state"), (.newNetworkInterface, "new"), (.unchanged, "unchanged"),
        (.releasePreview, nil), (.deletionProtectionBlocksRelease, nil), (.subscriptionBlocksRelease, nil), (.routeEntryBlocksRelease, nil), (.newInstance, nil), (.networkInterfacesChanged, nil),
        (.attributesChanged, nil),
    ]

    @Test(arguments: phrases)
    func aReasonIsPhrased(_ reason: ChangeReason, _ phrase: String?) {
        #expect(reason.phrase == phrase)
    }

    /// Every ENI change of every example has words for its reason; the text plan never falls back to the code.
    @Test(arguments: Fixtures.scenarios)
    func everyInterfaceReasonOfTheExamplesIsPhrased(_ scenario: Fixtures.Scenario) throws {
        let analysis = try Fixtures.analysis(scenario)
        for change in analysis.plan.changes where change.kind == .networkInterface {
            #expect(change.reason.phrase != nil, "ENI \(change.id): \(change.reason.rawValue)")
        }
    }

    // MARK: Statuses

    @Test func snapshotStatusesKeepTheirCodes() {
        #expect(ResourceSnapshot.Status.inUse.code == "inuse")
        #expect(ResourceSnapshot.Status.available.code == "available")
        #expect(ResourceSnapshot.Status.instance(.stopped).code == "stopped")
        #expect(ResourceSnapshot.Status.instance(nil).code == "unknown")
        #expect(NetworkInterface.Status.allCases.map(\.rawValue) == ["inuse", "available"])
        #expect(Instance.Status.allCases.map(\.rawValue) == ["running", "stopped", "starting", "stopping", "pending"])
    }

    // MARK: Field names

    /// The keys of each resource in the order the decoder lists them in messages ("expected one of ...").
    @Test func manifestSchemasKeepTheirKeysAndOrder() {
        #expect(ManifestDecoder.topFields.names == ["apiVersion", "kind", "region", "scope", "instances", "networkInterfaces", "eips", "routeTables"])
        #expect(ManifestDecoder.scopeFields.names == ["vpcs", "tags"])
        #expect(ManifestDecoder.instanceFields.names == ["id", "name", "zone", "vpc", "status", "deletionProtection", "chargeType", "expiredTime", "expired", "publicIp", "networkInterfaces",
                                                          "networkInterfacesComplete", "eip", "tags"])
        #expect(ManifestDecoder.attachedInterfaceFields.names == ["id", "name", "type", "deleteOnRelease", "vswitch", "privateIpv4", "ipv4Prefixes",
                                                                  "ipv6", "ipv6Prefixes", "ipv6Bandwidth", "eip", "eips", "securityGroups", "tags"])
        #expect(ManifestDecoder.standaloneInterfaceFields.names == ["id", "name", "deleteOnRelease", "vswitch", "privateIpv4", "ipv4Prefixes",
                                                                    "ipv6", "ipv6Prefixes", "ipv6Bandwidth", "eip", "eips", "securityGroups", "tags",
                                                                    "zone", "vpc", "serviceManaged"])
        #expect(ManifestDecoder.eipFields.names == ["id", "address", "chargeType"])
        #expect(ManifestDecoder.eipBindingFields.names == ["id", "privateIp"])
        #expect(ManifestDecoder.routeTableFields.names == ["id", "vpc", "entries"])
        #expect(ManifestDecoder.routeEntryFields.names == ["id", "destination", "nextHop"])
    }

    @Test func policyFieldsKeepTheirNamesAndOrder() {
        #expect(PolicyRule.instanceFields.names == ["id", "name", "zone", "vpc", "status", "deletionProtection", "eip"])
        #expect(PolicyRule.interfaceFields.names == ["id", "name", "type", "deleteOnRelease", "vswitch", "zone", "vpc", "eip", "ipv6Bandwidth",
                                                     "securityGroups", "privateIpv4", "instance"])
    }

    /// A policy field is found where the manifest writes the resource's field of the same name, and only there.
    @Test func policyFieldsNameTheManifestFieldsOfTheirName() {
        for field in PolicyRule.instanceFields.fields {
            #expect(field.instanceField?.rawValue == field.rawValue)
        }
        for field in PolicyRule.interfaceFields.fields where field != .instance {
            #expect(field.interfaceField?.rawValue == field.rawValue)
        }
        #expect(PolicyRule.Field.instance.interfaceField == nil)
        #expect(PolicyRule.Field.deleteOnRelease.instanceField == nil)
        #expect(PolicyRule.Field.status.interfaceField == nil)
    }

    /// Decoded fields are located by their enum case, from the key to just past the value (1-based columns).
    @Test func decodedFieldsAreLocatedByField() throws {
        let manifest = try Fixtures.manifest("""
            apiVersion: eniplan/v1
            kind: Manifest
            region: cn-hangzhou
            instances:
              - id: i-1
                deletionProtection: true
                networkInterfaces:
                  - {id: eni-1, type: primary, deleteOnRelease: false}
            routeTables:
              - id: vtb-1
                entries:
                  - {destination: 10.0.0.0/8, nextHop: eni-1}

            """, file: "fields.yaml")
        let instance = try #require(manifest.instances.first)
        let eni = try #require(instance.networkInterfaces.first)
        let entry = try #require(manifest.routeTables.first?.entries.first)
        #expect(instance.fields[.deletionProtection].map(Self.span) == "6:5-6:29")
        #expect(instance.fields[.status] == nil)
        #expect(eni.fields[.deleteOnRelease].map(Self.span) == "8:36-8:58")
        #expect(eni.fields[.zone] == nil)
        #expect(entry.fields[.nextHop].map(Self.span) == "12:35-12:49")
    }

    @Test func fieldRangesSetOneByOneReplaceDecodedOnes() throws {
        let manifest = try Fixtures.manifest("""
            apiVersion: eniplan/v1
            kind: Manifest
            instances:
              - id: i-1
                networkInterfaces:
                  - {id: eni-1, type: primary}

            """, file: "fields.yaml")
        var fields = try #require(manifest.instances.first?.networkInterfaces.first).fields
        let elsewhere = SourceRange(file: "other.yaml", start: SourcePosition(line: 2, column: 3, offset: 10),
                                    end: SourcePosition(line: 2, column: 9, offset: 16))
        #expect(fields[.type].map(Self.span) == "6:21-6:34")
        fields[.type] = elsewhere
        #expect(fields[.type] == elsewhere)
        fields[.type] = nil
        #expect(fields[.type] == nil)
        #expect(fields[.id].map(Self.span) == "6:10-6:19")
    }

    static func span(_ range: SourceRange) -> String {
        "\(range.start.line):\(range.start.column)-\(range.end.line):\(range.end.column)"
    }
}
