import EniplanYAML
import Testing
@testable import EniplanCore

/// The rules reuse the indexes the planner built, but only for the very manifests it indexed.
@Suite("plan indexes")
struct PlanIndexesTests {
    typealias Fixtures = CIReportFixtures

    static func state(_ eni: String) -> String {
        """
        apiVersion: eniplan/v1
        kind: State
        region: cn-hangzhou
        instances:
          - id: i-1
            zone: cn-hangzhou-h
            vpc: vpc-1
            networkInterfaces:
              - {id: \(eni), type: primary, deleteOnRelease: false}

        """
    }

    static let desired = """
        apiVersion: eniplan/v1
        kind: Manifest
        region: cn-hangzhou
        instances:
          - id: i-1
            zone: cn-hangzhou-h
            vpc: vpc-1
            networkInterfaces:
              - {id: eni-1, type: primary, deleteOnRelease: false}

        """

    @Test func otherManifestsGetTheirOwnIndexes() throws {
        let catalog = try RegionCatalogDecoder.builtIn()
        let engine = RuleEngine(today: Fixtures.today)
        let current = [try Fixtures.manifest(Self.state("eni-1"), file: "current.yaml")]
        let desired = [try Fixtures.manifest(Self.desired, file: "desired.yaml")]
        let plan = try Planner(catalog: catalog).plan(current: current, desired: desired)

        // The manifests the plan was made from: eni-1 exists, so no dangling reference.
        let same = try engine.analyze(mode: .plan, plan: plan, current: current, subjects: desired, catalog: catalog)
        #expect(!same.findings.contains { $0.ruleId == "ENI014" })

        // Another current state with the same shape: the rules must read it, not the planner's index.
        let other = [try Fixtures.manifest(Self.state("eni-9"), file: "current.yaml")]
        let different = try engine.analyze(mode: .plan, plan: plan, current: other, subjects: desired, catalog: catalog)
        #expect(different.findings.contains { $0.ruleId == "ENI014" && $0.resource.id == "eni-1" })

        // A copy of the same array that was then changed in place no longer shares storage.
        var changed = current
        changed[0].instances[0].networkInterfaces[0].id = "eni-9"
        let mutated = try engine.analyze(mode: .plan, plan: plan, current: changed, subjects: desired, catalog: catalog)
        #expect(mutated.findings.contains { $0.ruleId == "ENI014" && $0.resource.id == "eni-1" })
    }

    @Test func theAnalysisDoesNotKeepTheIndexes() throws {
        let catalog = try RegionCatalogDecoder.builtIn()
        let current = [try Fixtures.manifest(Self.state("eni-1"), file: "current.yaml")]
        let desired = [try Fixtures.manifest(Self.desired, file: "desired.yaml")]
        let plan = try Planner(catalog: catalog).plan(current: current, desired: desired)
        #expect(plan.indexes != nil)
        let analysis = try RuleEngine(today: Fixtures.today).analyze(mode: .plan, plan: plan, current: current, subjects: desired, catalog: catalog)
        #expect(analysis.plan.indexes == nil)
    }
}
