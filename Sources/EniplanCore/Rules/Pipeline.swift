import EniplanYAML

/// Everything one run of `plan` or `check` reads, loaded and decoded.
public struct PipelineInputs: Sendable {
    public var mode: RuleContext.Mode
    /// The current state (plan). `check` has none: it previews the release of `subjects`.
    public var current: [Manifest]
    /// The desired manifests (plan) or the checked files (check).
    public var subjects: [Manifest]
    public var catalog: RegionCatalog
    public var configuration: Configuration
    public var policies: [Policy]
    public var baseline: Baseline?
    /// `YYYY-MM-DD`; suppressions expire after it.
    public var today: String
    /// The current state's files read from a base revision (`plan --base`), by the name they were loaded as
    /// (`REF:path`), each with the node of the file as it is now where their findings and changes land: a base
    /// version is not in the repository, so no report may point into it, and its comments suppress nothing.
    public var baseAnchors: [String: SourceRange] = [:]

    public init(mode: RuleContext.Mode, current: [Manifest] = [], subjects: [Manifest], catalog: RegionCatalog,
                configuration: Configuration = Configuration(), policies: [Policy] = [], baseline: Baseline? = nil, today: String) {
        self.mode = mode
        self.current = current
        self.subjects = subjects
        self.catalog = catalog
        self.configuration = configuration
        self.policies = policies
        self.baseline = baseline
        self.today = today
    }

    /// The manifests the rules read as the current side: the current state, or the checked files themselves.
    var currentSide: [Manifest] { mode == .plan ? current : subjects }
    /// The manifests the rules read as the desired side: the desired manifests, or none.
    var desiredSide: [Manifest] { mode == .plan ? subjects : [] }
}

/// A run's plan, with the inputs it was made from and the indexes of both sides, which the rules reuse.
public struct PlannedRun: Sendable {
    public let inputs: PipelineInputs
    public let plan: Plan
    let current: StateIndex
    let desired: StateIndex
}

/// One run, in order: index both sides and plan (`plan`), then the rules, policies, config, suppressions and
/// baseline over that plan (`analyze`). `run` takes both steps; a caller that times them calls each.
public enum Pipeline {
    /// The analysis of `inputs`: its plan (or release preview) and its findings.
    public static func run(_ inputs: PipelineInputs) throws(InputError) -> Analysis {
        try analyze(try plan(inputs))
    }

    /// Indexes the current and desired sides, then plans (`plan`) or previews the release (`check`).
    public static func plan(_ inputs: PipelineInputs) throws(InputError) -> PlannedRun {
        let current = try StateIndex(inputs.currentSide)
        let desired = try StateIndex(inputs.desiredSide)
        let planner = Planner(catalog: inputs.catalog)
        let plan = inputs.mode == .plan
            ? try planner.plan(current: current, desired: desired, desiredStart: inputs.subjects.first?.range)
            : planner.previewRelease(current: current, nothing: desired)
        return PlannedRun(inputs: inputs, plan: plan, current: current, desired: desired)
    }

    /// Runs the built-in rules (and policies) over the plan, then config, suppressions and the baseline.
    public static func analyze(_ run: PlannedRun) throws(InputError) -> Analysis {
        try finish(try ruleFindings(run), plan: run.plan, inputs: run.inputs)
    }

    /// A compliance sweep: each estate (one manifest file, or the API responses joined) is previewed and its rules
    /// run on its own, so that regions may differ from file to file and two files may describe one resource; the
    /// config's suppressions and the baseline then apply to all the findings at once. `inputs.subjects` is ignored.
    public static func sweep(_ estates: [[Manifest]], skipped: [String], inputs: PipelineInputs) throws(InputError) -> Analysis {
        var changes: [Change] = []
        var findings: [Finding] = []
        var diagnostics: [Diagnostic] = []
        var regions: [Sweep.Estate] = []
        for subjects in estates {
            var estate = inputs
            estate.subjects = subjects
            do {
                let run = try plan(estate)
                changes += run.plan.changes
                findings += try ruleFindings(run)
                regions.append(Sweep.Estate(file: subjects.first?.file ?? "", region: run.plan.region))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw InputError(diagnostics) }
        var all = inputs
        all.subjects = estates.flatMap { $0 }
        let distinct = Set(regions.map(\.region))
        let plan = Plan(region: distinct.count == 1 ? distinct.first ?? nil : nil, regionCatalog: inputs.catalog, changes: changes)
        var analysis = try finish(findings, plan: plan, inputs: all)
        analysis.sweep = Sweep(estates: regions, skipped: skipped)
        return analysis
    }

    /// The built-in rules' and the policies' findings over one planned run, config severities applied.
    private static func ruleFindings(_ run: PlannedRun) throws(InputError) -> [Finding] {
        let inputs = run.inputs
        let configuration = inputs.configuration
        let context = RuleContext(mode: inputs.mode, plan: run.plan, current: run.current, desired: run.desired, subjects: inputs.subjects,
                                  catalog: inputs.catalog)
        var findings: [Finding] = []
        for rule in RuleRegistry.rules {
            let id = type(of: rule).description.id
            let setting = configuration.rules[id]
            if setting?.enabled == false { continue }
            var produced = rule.check(context)
            if let severity = setting?.severity {
                for index in produced.indices { produced[index].severity = severity }
            }
            findings += produced
        }
        for policy in inputs.policies {
            findings += try policy.check(context)
        }
        return findings
    }

    /// Base relocation (findings about what only a base revision has move into the head), suppressions (inline and
    /// the config's) and the baseline over `findings`, which are then sorted.
    private static func finish(_ findings: [Finding], plan: Plan, inputs: PipelineInputs) throws(InputError) -> Analysis {
        var findings = findings
        let configuration = inputs.configuration
        TerraformAddressing(inputs.currentSide + inputs.desiredSide).annotate(&findings)
        let relocation = BaseRelocation(anchors: inputs.baseAnchors, current: inputs.mode == .plan ? inputs.current : [], subjects: inputs.subjects)
        relocation.relocate(&findings)
        let catalog = RuleCatalog(policies: inputs.policies)
        // A suppression may name a built-in or a policy rule; findings about suppressions cannot be suppressed.
        let knownRules = Set(catalog.rules.filter { $0.kind != .suppressionCheck }.map(\.id))
        // A base version's comments are the ones the head had before; the head's own are what suppress.
        let current = inputs.mode == .plan ? inputs.current.filter { inputs.baseAnchors[$0.file] == nil } : []
        var suppressions = Suppressions(manifests: inputs.subjects + current, configuration: configuration, knownRules: knownRules)
        suppressions.apply(to: &findings, today: inputs.today)
        findings += suppressions.problems
        var fixed: [Baseline.Entry] = []
        if let baseline = inputs.baseline {
            let known = Set(baseline.entries.map(\.fingerprint))
            for index in findings.indices where findings[index].suppression == nil {
                findings[index].baseline = known.contains(findings[index].fingerprint) ? .baselined : .new
            }
            let present = Set(findings.map(\.fingerprint))
            fixed = baseline.entries.filter { !present.contains($0.fingerprint) }
        }
        findings = deduplicated(findings)
        // Sorting positions moves 8 bytes at a time rather than whole findings.
        findings = findings.indices.sorted { order(findings[$0], findings[$1]) }.map { findings[$0] }
        return Analysis(plan: relocation.relocated(plan), findings: findings, fixed: fixed, mode: inputs.mode, rules: catalog)
    }

    /// The same finding twice (same fingerprint, place and message) is shown once.
    private static func deduplicated(_ findings: [Finding]) -> [Finding] {
        struct Identity: Hashable {
            var fingerprint: String
            var file: String
            var line: Int
            var column: Int
            var message: String
        }
        var seen = Set<Identity>(minimumCapacity: findings.count)
        return findings.filter {
            seen.insert(Identity(fingerprint: $0.fingerprint, file: $0.location.file, line: $0.location.start.line,
                                 column: $0.location.start.column, message: $0.message)).inserted
        }
    }

    /// The order of findings in an analysis: file, line, column, rule id, resource, message.
    static func order(_ a: Finding, _ b: Finding) -> Bool {
        (a.location.file, a.location.start.line, a.location.start.column, a.ruleId, a.resource.id, a.message)
            < (b.location.file, b.location.start.line, b.location.start.column, b.ruleId, b.resource.id, b.message)
    }
}
