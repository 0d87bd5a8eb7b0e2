// The exception lists of `EnglishLemmatizer`, read once on first use.

extension EnglishLemmatizer {
    /// Irregular forms and the word each is a form of, written "word: form form …" one word a line.
    static let irregulars: [String: String] = table(
        """
        be: am is are was were been being
        have: has had having
        do: does did done doing
        undo: undoes undid undone
        outdo: outdid outdone
        redo: redid redone
        overdo: overdid overdone
        go: went gone going
        undergo: underwent undergone
        forgo: forwent forgone
        arise: arose arisen
        awake: awoke awoken
        bear: bore borne born
        beat: beaten
        become: became
        begin: began begun
        bleed: bled
        blow: blew blown
        break: broke broken
        breed: bred
        bring: brought
        build: built
        burn: burnt
        buy: bought
        catch: caught
        choose: chose chosen
        cling: clung
        come: came
        overcome: overcame
        creep: crept
        deal: dealt
        dig: dug
        draw: drew drawn
        withdraw: withdrew withdrawn
        dream: dreamt
        drink: drank drunk
        drive: drove driven
        dwell: dwelt
        eat: ate eaten
        fall: fell fallen
        feed: fed
        feel: felt
        fight: fought
        find: found
        flee: fled
        fling: flung
        fly: flew flown
        forbid: forbade forbidden
        foresee: foresaw foreseen
        foretell: foretold
        forget: forgot forgotten
        forgive: forgave forgiven
        forsake: forsook forsaken
        freeze: froze frozen
        get: got gotten
        give: gave given
        grow: grew grown
        hang: hung
        hear: heard
        hide: hid hidden
        hold: held
        behold: beheld
        uphold: upheld
        withhold: withheld
        keep: kept
        kneel: knelt
        know: knew known
        lay: laid
        mislay: mislaid
        lead: led
        mislead: misled
        lean: leant
        leap: leapt
        learn: learnt
        lend: lent
        lie: lain lying
        underlie: underlay underlain underlying underlies
        rethink: rethought
        override: overrode overridden
        ache: ached aching
        prosthesis: prostheses
        minutia: minutiae
        dogma: dogmata
        stigma: stigmata
        light: lit
        lose: lost
        make: made
        mean: meant
        meet: met
        mistake: mistook mistaken
        overtake: overtook overtaken
        overthrow: overthrew overthrown
        oversee: oversaw overseen
        pay: paid
        prove: proven
        ride: rode ridden
        ring: rang
        rise: rose risen
        run: ran
        say: said
        see: saw seen
        seek: sought
        sell: sold
        send: sent
        sew: sewn
        shake: shook shaken
        shine: shone
        shoot: shot
        show: shown
        shrink: shrank shrunk
        sing: sang sung
        singe: singed
        sink: sank sunk
        sit: sat
        slay: slew slain
        sleep: slept
        slide: slid
        sling: slung
        smell: smelt
        sow: sown
        mow: mown
        hew: hewn
        speak: spoke spoken
        speed: sped
        spell: spelt
        spend: spent
        spill: spilt
        spin: spun
        spit: spat
        spoil: spoilt
        spring: sprang sprung
        stand: stood
        understand: understood
        misunderstand: misunderstood
        withstand: withstood
        steal: stole stolen
        stick: stuck
        sting: stung
        stink: stank stunk
        stride: strode stridden
        strike: struck stricken
        string: strung
        strive: strove striven
        swear: swore sworn
        sweep: swept
        swell: swollen
        swim: swam swum
        swing: swung
        take: took taken
        undertake: undertook undertaken
        partake: partook partaken
        teach: taught
        tear: tore torn
        tell: told
        think: thought
        throw: threw thrown
        tread: trod trodden
        wake: woke woken
        wear: wore worn
        weave: wove woven
        weep: wept
        win: won
        wring: wrung
        write: wrote written
        rewrite: rewrote rewritten
        underwrite: underwrote underwritten
        owe: owed owing owes
        disown: disowned
        eye: eyed eyeing eying
        dye: dyed dyeing
        die: dying
        tie: tying
        vie: vying
        panic: panicked panicking
        mimic: mimicked mimicking
        traffic: trafficked trafficking
        picnic: picnicked picnicking
        frolic: frolicked frolicking
        quiz: quizzed quizzes quizzing
        gas: gassed gasses gassing gases
        bus: bussed bussing buses busses
        focus: focussed focussing focusses
        bias: biassed
        man: men
        woman: women
        child: children
        grandchild: grandchildren
        schoolchild: schoolchildren
        stepchild: stepchildren
        foot: feet
        tooth: teeth
        goose: geese
        mouse: mice
        louse: lice
        ox: oxen
        people: peoples
        yeoman: yeomen
        wolf: wolves
        life: lives
        knife: knives
        wife: wives
        midwife: midwives
        housewife: housewives
        half: halves
        self: selves
        shelf: shelves
        thief: thieves
        loaf: loaves
        calf: calves
        elf: elves
        scarf: scarves
        hoof: hooves
        dwarf: dwarves
        sheaf: sheaves
        wharf: wharves
        leave: leaves
        criterion: criteria
        phenomenon: phenomena
        analysis: analyses
        thesis: theses
        crisis: crises
        hypothesis: hypotheses
        synthesis: syntheses
        parenthesis: parentheses
        emphasis: emphases
        diagnosis: diagnoses
        prognosis: prognoses
        neurosis: neuroses
        psychosis: psychoses
        metamorphosis: metamorphoses
        oasis: oases
        synopsis: synopses
        ellipsis: ellipses
        antithesis: antitheses
        genesis: geneses
        exegesis: exegeses
        apotheosis: apotheoses
        catharsis: catharses
        axis: axes
        index: indices
        appendix: appendices
        matrix: matrices
        vertex: vertices
        vortex: vortices
        apex: apices
        codex: codices
        radius: radii
        nucleus: nuclei
        stimulus: stimuli
        alumnus: alumni
        fungus: fungi
        cactus: cacti
        focus: foci
        locus: loci
        syllabus: syllabi
        terminus: termini
        stratum: strata
        curriculum: curricula
        memorandum: memoranda
        bacterium: bacteria
        erratum: errata
        addendum: addenda
        desideratum: desiderata
        quantum: quanta
        maximum: maxima
        minimum: minima
        spectrum: spectra
        corpus: corpora
        genus: genera
        formula: formulae
        antenna: antennae
        larva: larvae
        vertebra: vertebrae
        nebula: nebulae
        persona: personae
        schema: schemata
        cherub: cherubim
        seraph: seraphim
        bureau: bureaux
        plateau: plateaux
        chateau: chateaux
        tableau: tableaux
        milieu: milieux
        menu: menus
        guru: gurus
        emu: emus
        tutu: tutus
        haiku: haikus
        good: better best
        bad: worse worst
        far: farther farthest
        """
    )

    /// Words that only look inflected; the rules leave them as they are.
    static let unchanged: Set<String> = words(
        """
        this his its hers ours yours theirs whose whereas perhaps always thus towards afterwards
        backwards forwards upwards downwards outwards inwards onwards sideways nowadays besides
        sometimes means news series species lens alms mumps measles innings shambles gallows
        barracks headquarters crossroads scissors trousers clothes riches outskirts whereabouts
        goods media data agenda opera people police yes mrs ms vs pros chaos ethos pathos cosmos
        logos kudos thermos rhinoceros gas bias alias atlas canvas pancreas christmas alas
        politics economics physics mathematics ethics aesthetics linguistics semantics genetics
        dynamics mechanics metaphysics hermeneutics logistics athletics gymnastics acoustics
        eugenics optics phonetics statistics dialectics semiotics pragmatics electronics
        themselves ourselves yourselves
        engels athens paris wales texas kansas arkansas james charles thomas nicholas douglas
        lucas judas dickens williams adams jones evans davies hughes holmes keynes hobbes
        barthes descartes socrates moses achilles hercules ulysses brussels marseilles andes
        lukacs groys dionys vegas
        during morning evening ceiling pudding awning herring sibling darling duckling seedling
        sapling yearling inkling gosling hireling stripling shilling farthing sterling starling
        nestling earthling lightning offspring viking beijing peking kipling nothing something
        anything everything plaything wellspring hamstring bowstring drawstring shoestring
        fledgling changeling underling weakling dumpling ongoing outgoing easygoing
        thoroughgoing incoming upcoming clothing meaning notwithstanding painstaking cunning
        fleeting handwriting upbringing uprising wrongdoing
        indeed hundred kindred hatred sacred naked wicked crooked beloved rugged ragged jagged
        dogged wretched infrared biped embed bobsled ahmed mohammed alfred manfred mildred
        winifred moped principled moneyed storied legged anguished concerted
        corps odds parenting mongering nonliving rung further furthest would could might
        should must most least left lay bound ground wound bit latter
        """
    )

    /// Nouns in -ie whose plural ends in -ies: movies → movie, not "movy".
    static let ieNouns: Set<String> = words(
        """
        movie cookie calorie zombie hippie prairie rookie goalie brownie auntie selfie freebie
        sortie pixie genie menagerie coterie reverie lingerie magpie yuppie hoodie veggie
        smoothie newbie bourgeoisie birdie bookie boogie collie cowrie doggie kiddie lassie
        hankie nightie oldie pinkie quickie sweetie talkie walkie techie foodie junkie groupie
        camaraderie rotisserie brasserie patisserie boulangerie causerie necktie bowtie untie
        belie overlie stymie specie aerie budgie eyrie
        """
    )

    /// Words in -e after a sibilant, whose -es is only an -s: niches, caches, impasses.
    static let eSibilantWords: Set<String> = words(
        """
        niche cache ache headache toothache moustache mustache avalanche cliche quiche psyche
        creche douche pastiche microfiche fiche panache gouache cloche brioche tranche
        impasse finesse crevasse posse lacrosse largesse demitasse noblesse axe deluxe
        """
    )

    /// Words in -oe: shoes, toes, canoes (not "sho", "to", "cano").
    static let oeWords: Set<String> = words(
        """
        toe shoe foe woe hoe canoe oboe throe sloe floe tiptoe roe aloe mistletoe felloe
        """
    )

    /// Singulars in -us and -as whose plural takes -es: buses, viruses, biases.
    static let sSingulars: Set<String> = words(
        """
        bus virus campus bonus census status focus genius apparatus chorus circus sinus surplus
        thesaurus onus nexus prospectus minus plus octopus fetus foetus impetus hiatus cactus
        syllabus walrus abacus consensus gas bias alias atlas canvas pancreas christmas
        corpus opus fungus stimulus radius nucleus hippopotamus rhombus exodus calculus
        """
    )

    /// Verbs in -ee whose -ed is only a -d: agreed → agree (need, speed, proceed stay).
    static let eeVerbs: Set<String> = words(
        """
        agree disagree free decree guarantee referee tee pee emcee knee filigree
        """
    )

    /// Stems in -l whose -ll- is a doubling: travelled → travel, controlled → control.
    static let llStems: Set<String> = words(
        """
        travel label cancel model control compel expel patrol rebel propel excel quarrel signal
        total fuel channel counsel level tunnel dispel marshal enrol instil distil initial dial
        duel equal pencil rival shovel snorkel spiral stencil swivel trammel unravel ravel yodel
        jewel libel marvel panel parcel pedal cudgel enamel grovel gravel bevel carol chisel
        repel annul extol impel lapel pummel revel tassel towel funnel kennel shrivel squirrel
        """
    )

    /// Stems whose doubled final consonant belongs to the word: boycotted → boycott.
    static let doubledStems: Set<String> = words(
        """
        boycott butt mitt watt purr whirr
        """
    )

    /// Stems in -s that take no e: focused → focus, biased → bias.
    static let sNoE: Set<String> = words(
        """
        focus refocus bias alias gas canvas nonplus chorus census bus plus
        """
    )

    /// Stems in -ang that take no e: hanged → hang (changed → change).
    static let ngStems: Set<String> = words(
        """
        hang bang clang twang gang overhang harang slang
        """
    )

    /// Verbs in -inge and -onge: infringed → infringe (singing → sing).
    static let ngeVerbs: Set<String> = words(
        """
        impinge infringe cringe fringe hinge tinge binge twinge syringe whinge sponge
        """
    )

    /// Stems in -th that take no e: mouthed → mouth (bathed → bathe).
    static let thNoE: Set<String> = words(
        """
        mouth froth sleuth earth unearth berth birth tooth month path
        """
    )

    /// Verbs in -eate and -oate: created → create (treated → treat).
    static let eateVerbs: Set<String> = words(
        """
        create recreate procreate permeate nauseate delineate
        """
    )

    /// Verbs in -ste: wasted → waste (tested → test).
    static let steVerbs: Set<String> = words(
        """
        waste taste paste haste baste lambaste
        """
    )

    /// Stems in -at that take no e: combated → combat (stated → state).
    static let atNoE: Set<String> = words(
        """
        combat
        """
    )

    /// Stems in -ot of more than one syllable that take no e: piloted → pilot (promoted → promote).
    static let otNoE: Set<String> = words(
        """
        pivot pilot ballot parrot
        """
    )

    /// Stems in -ar, -ir, -ur of more than one syllable that take no e: murmured → murmur.
    static let rNoE: Set<String> = words(
        """
        murmur augur sugar collar pillar cellar
        """
    )

    /// Stems in -il, -ol, -ul of more than one syllable that take no e: imperiled → imperil.
    static let lNoE: Set<String> = words(
        """
        imperil stencil pencil council peril cavil devil carol idol
        """
    )

    /// Verbs of more than one syllable in -ete, -ite, -ere, -ore, -one, -ene, -ane, -ele,
    /// -ale, -ome, -ope whose -ed and -ing drop their e: completed, invited, interfered,
    /// ignored, postponed, intervened, inhaled, welcomed, eloped.
    static let eVerbs: Set<String> = words(
        """
        complete delete deplete compete secrete excrete concrete mete
        unite invite excite recite ignite incite reunite expedite requite extradite rewrite
        underwrite backbite overwrite indite
        interfere adhere cohere revere persevere premiere
        ignore explore restore deplore implore adore underscore encore outscore
        condone postpone atone dethrone enthrone intone telephone chaperone
        convene intervene contravene supervene
        profane
        inhale exhale impale regale rescale upscale downscale
        welcome become overcome
        inhere dynamite
        elope
        """
    )

    /// Verbs in un- whose forms are inflections (uncovered → uncover); other un- words in -ed
    /// and -ing are adjectives of their own (unexpected, unwilling).
    static let unVerbs: Set<String> = words(
        """
        undo unfold unveil unleash uncover unlock unravel unload unpack untie unbutton unearth
        unnerve unsettle unmask unwrap unhinge unbind unburden unchain unclench undress
        unfasten unfurl unhook unlearn unplug unroll unscrew unseat unshackle untangle unwind
        unzip unblock uncork unmake unhitch unite unify unionize unionise uncouple
        """
    )

    /// Adjectives whose -er and -est forms are comparatives: bigger → big, happiest → happy.
    static let gradableAdjectives: Set<String> = words(
        """
        big small large great high low long short old young new late early strong weak rich
        poor wide broad deep close hard easy happy heavy light dark fine simple clear true wise
        fast slow quick cheap dear near full bright brave busy calm clean cold cool crude cruel
        cute dirty dry dull dumb eager empty fair fat few fierce firm flat fresh friendly funny
        gentle grand grave green grim gross guilty harsh healthy hot huge humble hungry keen
        kind lazy likely lively lonely loose loud lovely lucky mad mild narrow neat nice noble
        odd pale plain polite pretty proud pure quiet rare raw ready red rough round rude sad
        safe sane scarce severe shallow sharp shy sick silly slim smart smooth soft sore sound
        sour steep stiff strange strict stupid subtle sure sweet tall tame thick thin tight
        tiny tough ugly vague warm weird wet white wild wealthy worthy black blue grey gray
        brown yellow deadly costly tidy steady sturdy bold blunt brief crazy dense dim faint
        soon often free hollow clever narrow noisy angry bitter tender scary sorry tricky
        wealthy holy lowly mighty merry naughty nasty risky rosy sleepy tasty thirsty wary
        witty slight petty mean
        """
    )

    /// Words in -men that are not plurals of -man: specimen is in -imen; these are the rest.
    static let menWords: Set<String> = words(
        """
        semen amen stamen hymen yemen carmen dolmen germen tegmen cyclamen
        """
    )

    // MARK: - Reading the lists

    static func words(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    }

    static func table(_ text: String) -> [String: String] {
        var entries: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let lemma = parts[0].trimmingSpaces()
            for form in parts[1].split(separator: " ") {
                entries[String(form)] = lemma
            }
        }
        return entries
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }))
    }
}
