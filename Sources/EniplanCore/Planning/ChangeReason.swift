/// Why a change does what it does. The raw values are the plan's public JSON contract (`reason` of a
/// change, `Schemas/plan.schema.json`): stable snake_case codes, never renamed.
public enum ChangeReason: String, Sendable, Hashable, Codable, CaseIterable {
    // Instances
    /// The current state has it, the desired state does not (in scope): it is released, or an ENI deleted.
    case absentFromDesiredState = "absent_from_desired_state"
    case serviceManaged = "service_managed"
    /// `eniplan check`: what releasing the instance would do.
    case releasePreview = "release_preview"
    case deletionProtectionBlocksRelease = "deletion_protection_blocks_release"
    case subscriptionBlocksRelease = "subscription_blocks_release"
    /// A route entry's next hop is the instance: DeleteInstance fails with DependencyViolation.RouteEntry.
    case routeEntryBlocksRelease = "route_entry_blocks_release"
    /// The desired state puts a kept instance, or an Available ENI, in another zone: the cloud cannot move it.
    case zoneChanged = "zone_changed"
    case newInstance = "new_instance"
    case networkInterfacesChanged = "network_interfaces_changed"
    case attributesChanged = "attributes_changed"
    case unchanged
    // The fate of an ENI when its instance is released
    case deleteOnReleaseDefault = "delete_on_release_default"
    case deleteOnReleaseTrue = "delete_on_release_true"
    case deleteOnReleaseFalse = "delete_on_release_false"
    case deleteOnReleaseUnknown = "delete_on_release_unknown"
    case primaryRetentionUnsupportedInRegion = "primary_retention_unsupported_in_region"
    case regionUnknown = "region_unknown"
    case releasedBeforeReuse = "released_before_reuse"
    case reusedByInstance = "reused_by_instance"
    /// The desired state deletes the ENI's attachment before the instance (Terraform destroys dependents first).
    case detachedBeforeRelease = "detached_before_release"
    // ENIs of kept and new instances, and standalone ENIs
    case primaryENICannotBeDetached = "primary_eni_cannot_be_detached"
    case secondaryENICannotBecomePrimary = "secondary_eni_cannot_become_primary"
    case movedToInstance = "moved_to_instance"
    case movedFromInstance = "moved_from_instance"
    case detached
    case attachedAvailableENI = "attached_available_eni"
    case newNetworkInterface = "new_network_interface"
    case deleteOnReleaseChanged = "delete_on_release_changed"
    case securityGroupsChanged = "security_groups_changed"
    case addressesChanged = "addresses_changed"
    case eipChanged = "eip_changed"
    // Route entries of a route table the desired state lists
    case routeEntryAdded = "route_entry_added"
    case routeEntryRemoved = "route_entry_removed"
    case routeEntryRepointed = "route_entry_repointed"

    /// The reason in words, as the text plan writes it after an ENI's outcome (`released (deleteOnRelease:
    /// true)`). Nil for the reasons only instances carry: their headline says them in its own words.
    public var phrase: String? {
        switch self {
        case .deleteOnReleaseFalse: return "deleteOnRelease: false"
        case .deleteOnReleaseTrue: return "deleteOnRelease: true"
        case .deleteOnReleaseDefault: return "deleteOnRelease not set: the default, true, releases it"
        case .deleteOnReleaseUnknown: return "the inputs do not say its deleteOnRelease"
        case .primaryRetentionUnsupportedInRegion: return "deleteOnRelease: false, but this region does not retain primary ENIs"
        case .regionUnknown: return "the region is unknown, so primary ENI retention cannot be predicted"
        case .releasedBeforeReuse: return "the desired state uses it, but its release destroys it first"
        case .reusedByInstance: return "deleteOnRelease: false"
        case .detachedBeforeRelease: return "its attachment is deleted first, so the release does not take it"
        case .absentFromDesiredState: return "not in the desired state"
        case .serviceManaged: return "managed by another cloud service, which owns it: not eniplan's to delete"
        case .primaryENICannotBeDetached: return "a primary ENI cannot be detached"
        case .secondaryENICannotBecomePrimary:
            return "the desired state makes it primary, but an instance's primary ENI is the one it was created with"
        case .movedToInstance: return "moves to another instance"
        case .movedFromInstance: return "moves from another instance"
        case .detached: return "listed as Available in the desired state"
        case .attachedAvailableENI: return "an Available ENI"
        case .newNetworkInterface: return "new"
        case .deleteOnReleaseChanged: return "deleteOnRelease changes"
        case .securityGroupsChanged: return "security groups change"
        case .addressesChanged: return "private addresses change"
        case .eipChanged: return "EIP changes"
        case .zoneChanged: return "the desired state puts it in another zone, which the cloud cannot do"
        case .routeEntryAdded: return "new in the desired state"
        case .routeEntryRemoved: return "not in the desired state's route table"
        case .routeEntryRepointed: return "the desired state gives it another next hop"
        case .unchanged: return "unchanged"
        case .releasePreview, .deletionProtectionBlocksRelease, .subscriptionBlocksRelease, .routeEntryBlocksRelease, .newInstance, .networkInterfacesChanged, .attributesChanged:
            return nil
        }
    }
}
