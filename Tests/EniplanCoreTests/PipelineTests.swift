import EniplanYAML
import Testing
@testable import EniplanCore

/// One pipeline for every run: its steps, taken one by one, give what `run` gives, and the plan is a plain value.
@Suite("pipeline")
struct PipelineTests {
    typealias Fixtures = CIReportFixtures

    static func state(_ eni: String, region: String = "cn-hangzhou") -> String {
        """
        apiVersion: eniplan/v1
        kind: State
        region: \(region)
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
        instances: []

        """

    static func inputs(_ mode: RuleContext.Mode, eni: String = "eni-1") throws -> PipelineInputs {
        let catalog = try RegionCatalogDecoder.builtIn()
        let current = try Fixtures.manifest(Self.state(eni), file: "current.yaml")
        let desired = try Fixtures.manifest(Self.desired, file: "desired.yaml")
        return mode == .plan
            ? PipelineInputs(mode: .plan, current: [current], subjects: [desired], catalog: catalog, today: Fixtures.today)
            : PipelineInputs(mode: .check, subjects: [current], catalog: catalog, today: Fixtures.today)
    }

    @Test(arguments: [RuleContext.Mode.plan, .check])
    func stepsGiveWhatRunGives(_ mode: RuleContext.Mode) throws {
        let inputs = try Self.inputs(mode)
        let planned = try Pipeline.plan(inputs)
        let stepwise = try Pipeline.analyze(planned)
        let whole = try Pipeline.run(inputs)
        #expect(stepwise.plan == whole.plan)
        #expect(stepwise.findings == whole.findings)
        #expect(whole.plan.hasChanges && (mode == .check || !whole.findings.isEmpty))
        let planner = Planner(catalog: inputs.catalog)
        let alone = mode == .plan ? try planner.plan(current: inputs.current, desired: inputs.subjects) : try planner.previewRelease(of: inputs.subjects)
        #expect(planned.plan == alone)
    }

    /// A current state read from a base revision: what is located in it lands on the anchor, with a note; its comments
    /// suppress nothing (and are not reported unused), the head's do.
    @Test func findingsInABaseVersionLandOnItsAnchor() throws {
        let catalog = try RegionCatalogDecoder.builtIn()
        let base = try Fixtures.manifest("# eniplan:ignore ENI009 reason=\"old\"\n" + Self.state("eni-1"), file: "main:infra/eni.yaml")
        let head = try Fixtures.manifest("apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\n# eniplan:ignore ENI009 reason=\"kept on purpose\"\ninstances: []\n",
                                         file: "infra/eni.yaml")
        var inputs = PipelineInputs(mode: .plan, current: [base], subjects: [head], catalog: catalog, today: Fixtures.today)
        let anchor = SourceRange(file: "infra/eni.yaml", start: SourcePosition(line: 5, column: 1, offset: 0),
                                 end: SourcePosition(line: 5, column: 10, offset: 9))
        let before = try Pipeline.run(inputs)
        #expect(before.findings.contains { $0.location.file == "main:infra/eni.yaml" })
        inputs.baseAnchors = ["main:infra/eni.yaml": anchor]
        let after = try Pipeline.run(inputs)
        #expect(!after.findings.isEmpty)
        for finding in after.findings {
            #expect(finding.location.file == "infra/eni.yaml")
            #expect(finding.ruleId != "SUP002", "\(finding.message)")
        }
        let retained = try #require(after.findings.first { $0.ruleId == "ENI009" })
        #expect(retained.location == anchor)
        #expect(retained.notes.contains { $0.hasPrefix("the base revision has it at main:infra/eni.yaml:") })
        #expect(retained.suppression?.reason == "kept on purpose")
        #expect(after.plan.changes.allSatisfy { $0.location?.file != "main:infra/eni.yaml" })
    }

    @Test func plansAreEqualByTheirChanges() throws {
        let first = try Pipeline.plan(try Self.inputs(.plan)).plan
        let again = try Pipeline.plan(try Self.inputs(.plan)).plan
        let other = try Pipeline.plan(try Self.inputs(.plan, eni: "eni-9")).plan
        #expect(first == again && first.hashValue == again.hashValue)
        #expect(first != other)
        #expect(Set([first, again, other]).count == 2)
    }

    @Test func theRulesReadTheInputsOfTheirRun() throws {
        // The released primary ENI is retained in cn-hangzhou: ENI009 names it, whichever id it has.
        for eni in ["eni-1", "eni-9"] {
            let analysis = try Pipeline.run(try Self.inputs(.plan, eni: eni))
            #expect(analysis.findings.contains { $0.ruleId == "ENI009" && $0.resource.id == eni }, "\(analysis.findings.map(\.ruleId))")
            #expect(!analysis.findings.contains { $0.resource.id == (eni == "eni-1" ? "eni-9" : "eni-1") })
        }
    }

    @Test func aRegionMismatchIsReportedAtTheDesiredRegion() throws {
        var inputs = try Self.inputs(.plan)
        inputs.current = [try Fixtures.manifest(Self.state("eni-1", region: "cn-beijing"), file: "current.yaml")]
        #expect {
            try Pipeline.run(inputs)
        } throws: { error in
            guard let error = error as? InputError, let first = error.diagnostics.first else { return false }
            return first.range?.file == "desired.yaml" && first.range?.start.line == 3
                && first.message == "region 'cn-hangzhou' of the desired state differs from region 'cn-beijing' of the current state; plan one region at a time"
        }
    }
}
