# The thesaurus's first contents: the subjects of the old hand-made lexicon (planning/lexicon.py,
# same identifiers, since suggestions keep them), plus the scope areas of the strategy
# (CDIP/30/3: the Sustainable Development Goals, South-South and triangular cooperation, the
# Development Agenda's projects and their results, technical-assistance needs and
# evaluation, good practices and lessons learned).
#
# The terms follow the thesaurus's syntax (similarity/thesaurus.py): whole words, "*" at the
# end of a word for longer words, capitals for an acronym, Chinese found as written. The old
# stems were reviewed against the misfires found on proposals written outside the project:
# no «atteinte» alone (l'atteinte des objectifs), no «genre»/«género» alone (ce genre de),
# no bare «спор» stem (спорт), no «climate»/«climat»/«clima»/«климат»/المناخ alone (the
# business climate), no 环境 alone (网络环境), and تقليد as a whole word (not التقليدية), nor
# the everyday words that named a subject by accident («examen», «édition», «financement»,
# «online», «publish», «book», «customs», «en ligne», «licence», «savoir-faire»...).
#
# The data are written here rather than imported: a migration must not depend on the app's
# code of tomorrow. Going back removes these concepts (and their terms), nothing else.

from django.core.cache import cache
from django.db import migrations

# The version key of similarity.thesaurus: replaced so that running processes read the seed.
VERSION_KEY = "similarity:thesaurus-version"

LABEL_LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh_hans")

# slug: (scope area, labels in LABEL_LANGUAGES order, terms by language)
THESAURUS = {
    # --- The strategy's scope areas --------------------------------------------------------
    "sdgs": (
        True,
        (
            "Sustainable Development Goals",
            "Objectifs de développement durable",
            "Objetivos de Desarrollo Sostenible",
            "Цели в области устойчивого развития",
            "أهداف التنمية المستدامة",
            "可持续发展目标",
        ),
        {
            "en": ("sustainable development", "SDG", "SDGs", "2030 agenda", "agenda 2030", "global goals"),
            "fr": ("développement durable", "ODD", "programme 2030", "agenda 2030", "objectifs mondiaux"),
            "es": ("desarrollo sostenible", "ODS", "agenda 2030", "objetivos mundiales"),
            "ru": ("устойчив* развити*", "ЦУР", "повестк* дня на период до 2030"),
            "ar": ("التنمية المستدامة", "خطة عام 2030", "خطة 2030", "الأهداف العالمية"),
            "zh-hans": ("可持续发展", "2030年议程", "2030年可持续发展议程"),
        },
    ),
    "south_south_cooperation": (
        True,
        (
            "South–South and triangular cooperation",
            "Coopération Sud-Sud et triangulaire",
            "Cooperación Sur-Sur y triangular",
            "Сотрудничество Юг–Юг и трехстороннее сотрудничество",
            "التعاون فيما بين بلدان الجنوب والتعاون الثلاثي",
            "南南合作和三方合作",
        ),
        {
            "en": ("south-south", "triangular cooperation"),
            "fr": ("sud-sud", "coopération triangulaire"),
            "es": ("sur-sur", "cooperación triangular"),
            "ru": ("юг-юг", "трехсторонн* сотрудничеств*"),
            "ar": ("بلدان الجنوب", "جنوب-جنوب", "التعاون الثلاثي"),
            "zh-hans": ("南南合作", "三方合作", "南南与三方合作"),
        },
    ),
    "development_agenda": (
        True,
        (
            "Development Agenda projects and their results",
            "Projets du Plan d'action pour le développement et leurs résultats",
            "Proyectos de la Agenda para el Desarrollo y sus resultados",
            "Проекты Повестки дня в области развития и их результаты",
            "مشروعات أجندة التنمية ونتائجها",
            "发展议程项目及其成果",
        ),
        {
            "en": ("development agenda",),
            "fr": ("plan d'action pour le développement",),
            "es": ("agenda para el desarrollo",),
            "ru": ("повестк* дня в области развития",),
            "ar": ("أجندة التنمية", "جدول أعمال التنمية", "أجندة الويبو بشأن التنمية"),
            "zh-hans": ("发展议程",),
        },
    ),
    "needs_assessment_evaluation": (
        True,
        (
            "Technical assistance needs assessment and evaluation",
            "Évaluation des besoins et évaluation de l'assistance technique",
            "Evaluación de las necesidades y evaluación de la asistencia técnica",
            "Оценка потребностей в технической помощи и ее результатов",
            "تقييم الاحتياجات من المساعدة التقنية وتقييمها",
            "技术援助需求评估与评价",
        ),
        {
            "en": (
                "needs assessment*",
                "assessment* of needs",
                "assessment* of the needs",
                "needs analys*",
                "impact assessment*",
                "impact evaluation*",
                "monitoring and evaluation",
                "evaluation* of technical assistance",
            ),
            "fr": (
                "évaluation* des besoins",
                "analyse* des besoins",
                "évaluation* d'impact",
                "évaluation* de l'impact",
                "suivi et évaluation",
                "évaluation* de l'assistance technique",
            ),
            "es": (
                "evaluación de necesidades",
                "evaluación de las necesidades",
                "análisis de necesidades",
                "análisis de las necesidades",
                "evaluación de impacto",
                "evaluación del impacto",
                "seguimiento y evaluación",
                "evaluación de la asistencia técnica",
            ),
            "ru": (
                "оценк* потребност*",
                "анализ* потребност*",
                "оценк* воздействи*",
                "мониторинг* и оценк*",
                "оценк* техническ* помощ*",
            ),
            "ar": (
                "تقييم الاحتياجات",
                "تحليل الاحتياجات",
                "تقييم الأثر",
                "الرصد والتقييم",
                "تقييم المساعدة التقنية",
            ),
            "zh-hans": ("需求评估", "需求分析", "影响评估", "监测和评价", "监测与评估", "技术援助评估"),
        },
    ),
    "good_practices": (
        True,
        (
            "Good practices and lessons learned",
            "Bonnes pratiques et enseignements tirés",
            "Buenas prácticas y lecciones aprendidas",
            "Передовой опыт и извлеченные уроки",
            "الممارسات الجيدة والدروس المستفادة",
            "良好做法与经验教训",
        ),
        {
            "en": ("good practice*", "best practice*", "lessons learned", "lessons learnt", "success stor*"),
            "fr": (
                "bonne* pratique*",
                "meilleure* pratique*",
                "enseignements tirés",
                "leçons apprises",
                "leçons tirées",
                "exemples de réussite",
            ),
            "es": (
                "buena* práctica*",
                "mejores prácticas",
                "lecciones aprendidas",
                "enseñanzas extraídas",
                "casos de éxito",
            ),
            "ru": (
                "передов* опыт*",
                "передов* практик*",
                "эффективн* практик*",
                "наилучш* практик*",
                "извлеченн* урок*",
                "полученн* урок*",
            ),
            "ar": ("الممارسات الجيدة", "أفضل الممارسات", "الممارسات الفضلى", "الدروس المستفادة", "قصص النجاح"),
            "zh-hans": ("良好做法", "最佳做法", "最佳实践", "经验教训", "成功案例"),
        },
    ),
    # --- The subjects of the old lexicon --------------------------------------------------
    "patents": (
        False,
        ("Patents", "Brevets", "Patentes", "Патенты", "البراءات", "专利"),
        {
            "en": ("patent*",),
            "fr": ("brevet*",),
            "es": ("patente*", "patentar*"),
            "ru": ("патент*",),
            "ar": ("براءة", "براءات"),
            "zh-hans": ("专利",),
        },
    ),
    "trademarks": (
        False,
        ("Trademarks", "Marques", "Marcas", "Товарные знаки", "العلامات التجارية", "商标"),
        {
            "en": ("trademark*", "trade mark*", "brand", "brands", "branding"),
            # «marque» alone is also a verb (ce webinaire marque une étape): the noun in context.
            "fr": (
                "marques",
                "la marque",
                "une marque",
                "sa marque",
                "leur marque",
                "marque* de commerce",
                "marque* de fabrique",
                "marque* collective*",
                "marque* de certification",
                "marque* déposée*",
                "image de marque",
            ),
            "es": (
                "marcas",
                "la marca",
                "una marca",
                "su marca",
                "marca* registrada*",
                "marca* comercial*",
                "marca* colectiva*",
                "marca* de certificación",
                "signos distintivos",
            ),
            "ru": ("товарн* знак*", "торгов* марк*", "бренд*"),
            "ar": ("علام* تجاري*",),
            "zh-hans": ("商标", "品牌"),
        },
    ),
    "copyright": (
        False,
        (
            "Copyright and related rights",
            "Droit d'auteur et droits connexes",
            "Derecho de autor y derechos conexos",
            "Авторское право и смежные права",
            "حق المؤلف والحقوق المجاورة",
            "版权及相关权",
        ),
        {
            "en": ("copyright*", "related right*", "neighbouring right*", "neighboring right*", "author's right*"),
            "fr": ("droit* d'auteur", "droits voisins", "droits connexes"),
            "es": ("derecho* de autor", "derechos conexos"),
            "ru": ("авторск* прав*", "смежн* прав*"),
            "ar": ("حق المؤلف", "حقوق المؤلف", "الحقوق المجاورة"),
            "zh-hans": ("版权", "著作权", "邻接权"),
        },
    ),
    "industrial_designs": (
        False,
        (
            "Industrial designs",
            "Dessins et modèles industriels",
            "Diseños industriales",
            "Промышленные образцы",
            "التصاميم الصناعية",
            "外观设计",
        ),
        {
            "en": ("industrial design*",),
            "fr": ("dessin* industriel*", "dessins et modèles", "modèle* industriel*"),
            "es": ("diseño* industrial*",),
            "ru": ("промышленн* образц*", "промышленн* дизайн*"),
            "ar": ("التصاميم الصناعية", "تصميم صناعي", "التصميم الصناعي", "النماذج الصناعية"),
            "zh-hans": ("外观设计", "工业设计"),
        },
    ),
    "geographical_indications": (
        False,
        (
            "Geographical indications",
            "Indications géographiques",
            "Indicaciones geográficas",
            "Географические указания",
            "المؤشرات الجغرافية",
            "地理标志",
        ),
        {
            "en": ("geographical indication*", "appellation* of origin"),
            "fr": ("indication* géographique*", "appellation* d'origine"),
            "es": ("indicaci* geográfica*", "denominaci* de origen"),
            "ru": ("географическ* указани*", "наименовани* мест* происхождени*"),
            "ar": ("المؤشرات الجغرافية", "مؤشر جغرافي", "المؤشر الجغرافي", "مؤشرات جغرافية", "تسميات المنشأ"),
            "zh-hans": ("地理标志", "原产地名称"),
        },
    ),
    "traditional_knowledge": (
        False,
        (
            "Traditional knowledge",
            "Savoirs traditionnels",
            "Conocimientos tradicionales",
            "Традиционные знания",
            "المعارف التقليدية",
            "传统知识",
        ),
        {
            "en": ("traditional knowledge", "indigenous"),
            "fr": ("savoirs traditionnels", "connaissances traditionnelles", "autochtone*"),
            "es": ("conocimientos tradicionales", "indígena*"),
            "ru": ("традиционн* знани*", "коренн* народ*"),
            "ar": ("المعارف التقليدية", "الشعوب الأصلية"),
            "zh-hans": ("传统知识", "土著", "原住民"),
        },
    ),
    "genetic_resources": (
        False,
        (
            "Genetic resources and biodiversity",
            "Ressources génétiques et biodiversité",
            "Recursos genéticos y biodiversidad",
            "Генетические ресурсы и биоразнообразие",
            "الموارد الوراثية والتنوع البيولوجي",
            "遗传资源和生物多样性",
        ),
        {
            "en": ("genetic resource*", "biodiversity", "biological diversity"),
            "fr": ("ressource* génétique*", "biodiversité", "diversité biologique"),
            "es": ("recurso* genético*", "biodiversidad", "diversidad biológica"),
            "ru": ("генетическ* ресурс*", "биоразнообрази*", "биологическ* разнообрази*"),
            "ar": ("الموارد الوراثية", "التنوع البيولوجي"),
            "zh-hans": ("遗传资源", "生物多样性"),
        },
    ),
    "cultural_expressions": (
        False,
        (
            "Traditional cultural expressions",
            "Expressions culturelles traditionnelles",
            "Expresiones culturales tradicionales",
            "Традиционные выражения культуры",
            "أشكال التعبير الثقافي التقليدي",
            "传统文化表现形式",
        ),
        {
            "en": ("cultural expression*", "folklore", "handicraft*"),
            "fr": ("expression* culturelle*", "folklore", "artisanat*"),
            "es": ("expresi* cultural*", "folclore", "folklore", "artesanía*"),
            "ru": ("выражени* культур*", "фольклор*", "ремесл*"),
            "ar": ("أشكال التعبير الثقافي", "التعبير الثقافي", "الفولكلور", "الحرف اليدوية"),
            "zh-hans": ("传统文化表现形式", "民间文艺", "手工艺"),
        },
    ),
    "technology_transfer": (
        False,
        (
            "Technology transfer and commercialization",
            "Transfert de technologie et commercialisation",
            "Transferencia de tecnología y comercialización",
            "Передача технологий и коммерциализация",
            "نقل التكنولوجيا وتسويقها",
            "技术转移与商业化",
        ),
        {
            "en": ("technology transfer*", "transfer* of technolog*", "commercializ*", "commercialis*"),
            "fr": ("transfert* de technologie*", "transfert* technologique*", "commercialis*"),
            "es": ("transferencia* de tecnología*", "transferencia* tecnológica*", "comercializ*"),
            "ru": ("передач* технологи*", "трансфер* технологи*", "коммерциализац*"),
            "ar": ("نقل التكنولوجيا", "تسويق التكنولوجيا"),
            "zh-hans": ("技术转让", "技术转移", "商业化"),
        },
    ),
    "licensing": (
        False,
        ("Licensing", "Concession de licences", "Concesión de licencias", "Лицензирование", "الترخيص", "许可"),
        {
            "en": ("licens*", "licenc*"),
            # «licence» alone is also a university degree, «licencia» a leave of absence.
            "fr": (
                "contrat* de licence*",
                "accord* de licence*",
                "octroi de licence*",
                "concession* de licence*",
                "licence* obligatoire*",
                "licence* de brevet*",
                "licence* de marque*",
                "licence* de technologie*",
                "licence* croisée*",
            ),
            "es": (
                "contrato* de licencia*",
                "acuerdo* de licencia*",
                "concesión de licencia*",
                "licencia* obligatoria*",
                "licencia* de patente*",
                "licencia* de marca*",
                "licencia* de tecnología*",
                "licenciamiento",
                "licencias",
            ),
            "ru": ("лиценз*",),
            "ar": ("ترخيص", "تراخيص"),
            "zh-hans": (
                "许可协议",
                "许可合同",
                "许可证",
                "许可费",
                "技术许可",
                "专利许可",
                "商标许可",
                "版权许可",
                "许可贸易",
            ),
        },
    ),
    "valuation_finance": (
        False,
        (
            "IP valuation and finance",
            "Évaluation et financement de la PI",
            "Valoración y financiación de la PI",
            "Оценка и финансирование ИС",
            "تقييم الملكية الفكرية وتمويلها",
            "知识产权评估与融资",
        ),
        {
            "en": ("valuation", "IP financ*", "IP-backed", "intangible asset*", "financing of intellectual property"),
            "fr": (
                "évaluation de la propriété intellectuelle",
                "valorisation de la propriété intellectuelle",
                "valorisation des actifs",
                "actifs incorporels",
                "actifs immatériels",
                "financement de la propriété intellectuelle",
                "financement fondé sur la propriété intellectuelle",
            ),
            "es": (
                "valoración de la propiedad intelectual",
                "valoración de activos",
                "activos intangibles",
                "financiación de la propiedad intelectual",
                "financiación basada en la propiedad intelectual",
            ),
            "ru": ("стоимостн* оценк*", "оценк* стоимост*", "нематериальн* актив*"),
            "ar": ("تقييم الملكية الفكرية", "تمويل الملكية الفكرية", "الأصول غير الملموسة"),
            "zh-hans": ("价值评估", "知识产权评估", "知识产权融资", "知识产权质押", "无形资产"),
        },
    ),
    "smes": (
        False,
        (
            "Small and medium-sized enterprises",
            "Petites et moyennes entreprises",
            "Pequeñas y medianas empresas",
            "Малые и средние предприятия",
            "المؤسسات الصغيرة والمتوسطة",
            "中小企业",
        ),
        {
            "en": ("SME", "SMEs", "MSME", "MSMEs", "small and medium*", "small business*"),
            "fr": ("PME", "petites et moyennes entreprises"),
            "es": ("pyme", "pymes", "mipyme", "mipymes", "pequeñas y medianas empresas"),
            "ru": (
                "МСП",
                "мал* и средн* предприяти*",
                "малого и среднего бизнес*",
                "малого и среднего предпринимательств*",
            ),
            "ar": ("الصغيرة والمتوسطة",),
            "zh-hans": ("中小企业", "中小微企业"),
        },
    ),
    "universities_research": (
        False,
        (
            "Universities and research institutions",
            "Universités et institutions de recherche",
            "Universidades e instituciones de investigación",
            "Университеты и научные учреждения",
            "الجامعات ومؤسسات البحث",
            "大学和科研机构",
        ),
        {
            "en": ("universit*", "research institut*", "research centre*", "research center*", "academia"),
            "fr": ("université*", "institut* de recherche", "centre* de recherche", "établissement* de recherche"),
            "es": ("universidad*", "centro* de investigación", "instituto* de investigación"),
            "ru": ("университет*", "вуз*", "научн* учреждени*", "научн* институт*", "научно-исследовательск*"),
            "ar": ("الجامعات", "جامعة", "مؤسسات البحث", "مراكز البحث"),
            "zh-hans": ("大学", "高校", "科研机构", "研究机构"),
        },
    ),
    "enforcement": (
        False,
        (
            "Enforcement and counterfeiting",
            "Respect des droits et contrefaçon",
            "Observancia y falsificación",
            "Защита прав и контрафакция",
            "الإنفاذ ومكافحة التقليد",
            "执法与打击假冒",
        ),
        {
            "en": ("enforcement", "counterfeit*", "pirac*", "infringement*"),
            # «atteinte» alone is also a reaching (l'atteinte des objectifs).
            "fr": (
                "respect des droits de propriété",
                "application des droits",
                "contrefaçon*",
                "contrefait*",
                "piratage",
                "atteinte* aux droits",
                "atteinte* au droit",
                "atteinte* à la propriété",
            ),
            "es": ("observancia", "falsificac*", "piratería", "infracci*"),
            "ru": ("соблюдени* прав*", "правоприменени*", "контрафакт*", "пиратств*", "нарушени* прав*"),
            # A whole word: التقليدية (traditional) is not التقليد (counterfeiting).
            "ar": ("إنفاذ", "تقليد", "السلع المقلدة", "مقلدة", "تزييف", "القرصنة", "التعدي"),
            "zh-hans": ("执法", "假冒", "盗版", "侵权"),
        },
    ),
    "customs": (
        False,
        (
            "Customs and border measures",
            "Douanes et mesures à la frontière",
            "Aduanas y medidas en frontera",
            "Таможня и пограничные меры",
            "الجمارك والتدابير الحدودية",
            "海关与边境措施",
        ),
        {
            # «customs» alone are also a people's ways (customs and traditions).
            "en": (
                "customs authorit*",
                "customs administration*",
                "customs officer*",
                "customs official*",
                "border measure*",
                "border enforcement",
            ),
            "fr": ("douane*", "douanier*", "mesure* à la frontière"),
            "es": ("aduana*", "aduaner*", "medidas en frontera", "medidas en la frontera"),
            "ru": ("таможн*",),
            "ar": ("الجمارك", "جمركي*", "التدابير الحدودية"),
            "zh-hans": ("海关", "边境措施"),
        },
    ),
    "pct": (
        False,
        (
            "Patent Cooperation Treaty (PCT)",
            "Traité de coopération en matière de brevets (PCT)",
            "Tratado de Cooperación en materia de Patentes (PCT)",
            "Договор о патентной кооперации (PCT)",
            "معاهدة التعاون بشأن البراءات",
            "专利合作条约（PCT）",
        ),
        {
            "en": ("PCT", "patent cooperation treaty", "international patent application*"),
            "fr": (
                "PCT",
                "traité de coopération en matière de brevets",
                "demande* internationale* de brevet*",
            ),
            "es": (
                "PCT",
                "tratado de cooperación en materia de patentes",
                "solicitud* internacional* de patente*",
            ),
            "ru": ("PCT", "РСТ", "договор* о патентн* кооперац*", "международн* заявк*"),
            "ar": ("PCT", "معاهدة التعاون بشأن البراءات"),
            "zh-hans": ("PCT", "专利合作条约", "国际专利申请"),
        },
    ),
    "madrid_system": (
        False,
        ("Madrid System", "Système de Madrid", "Sistema de Madrid", "Мадридская система", "نظام مدريد", "马德里体系"),
        {
            "en": ("madrid system", "madrid protocol", "madrid agreement"),
            "fr": ("système de madrid", "protocole de madrid", "arrangement de madrid"),
            "es": ("sistema de madrid", "protocolo de madrid", "arreglo de madrid"),
            "ru": ("мадридск* систем*", "мадридск* протокол*", "мадридск* соглашени*"),
            "ar": ("نظام مدريد", "بروتوكول مدريد", "اتفاق مدريد"),
            "zh-hans": ("马德里体系", "马德里议定书", "马德里协定"),
        },
    ),
    "hague_system": (
        False,
        ("Hague System", "Système de La Haye", "Sistema de La Haya", "Гаагская система", "نظام لاهاي", "海牙体系"),
        {
            "en": ("hague system", "hague agreement"),
            "fr": ("système de la haye", "arrangement de la haye"),
            "es": ("sistema de la haya", "arreglo de la haya"),
            "ru": ("гаагск* систем*", "гаагск* соглашени*"),
            "ar": ("نظام لاهاي", "اتفاق لاهاي"),
            "zh-hans": ("海牙体系", "海牙协定"),
        },
    ),
    "examination": (
        False,
        (
            "Patent examination and search",
            "Examen et recherche en matière de brevets",
            "Examen y búsqueda de patentes",
            "Экспертиза и патентный поиск",
            "فحص البراءات والبحث فيها",
            "审查与检索",
        ),
        {
            # «examen» alone is also the committee's consideration of a document (pour examen).
            "en": (
                "patent examination",
                "substantive examination",
                "examination of patent*",
                "examination of application*",
                "examiner*",
                "prior art",
                "patent search*",
                "search report*",
            ),
            "fr": (
                "examen des brevets",
                "examen des demandes de brevet*",
                "examen quant au fond",
                "examinateur*",
                "état de la technique",
                "recherche* d'antériorité*",
            ),
            "es": (
                "examen de patentes",
                "examen de las solicitudes de patente*",
                "examen de solicitudes de patente*",
                "examinador*",
                "estado de la técnica",
                "búsqueda* de patentes",
            ),
            "ru": (
                "патентн* экспертиз*",
                "экспертиз* заяв*",
                "экспертиз* по существу",
                "патентн* эксперт*",
                "уровн* техник*",
                "патентн* поиск*",
            ),
            "ar": ("فحص البراءات", "فحص الطلبات", "الفحص الموضوعي", "فاحصي البراءات", "حالة التقنية السابقة"),
            "zh-hans": ("专利审查", "实质审查", "审查员", "现有技术", "专利检索", "检索报告"),
        },
    ),
    "databases": (
        False,
        (
            "Databases and patent information",
            "Bases de données et information en matière de brevets",
            "Bases de datos e información sobre patentes",
            "Базы данных и патентная информация",
            "قواعد البيانات ومعلومات البراءات",
            "数据库与专利信息",
        ),
        {
            "en": ("database*", "patent information", "patentscope"),
            "fr": ("base* de données", "information* en matière de brevets", "patentscope"),
            "es": ("base* de datos", "información sobre patentes", "patentscope"),
            "ru": ("баз* данн*", "патентн* информац*", "patentscope"),
            "ar": ("قاعدة البيانات", "قواعد البيانات", "قاعدة بيانات", "قواعد بيانات", "معلومات البراءات"),
            "zh-hans": ("数据库", "专利信息"),
        },
    ),
    "artificial_intelligence": (
        False,
        (
            "Artificial intelligence",
            "Intelligence artificielle",
            "Inteligencia artificial",
            "Искусственный интеллект",
            "الذكاء الاصطناعي",
            "人工智能",
        ),
        {
            "en": ("artificial intelligence", "AI", "machine learning"),
            "fr": ("intelligence artificielle", "IA", "apprentissage automatique"),
            "es": ("inteligencia artificial", "IA", "aprendizaje automático"),
            "ru": ("искусственн* интеллект*", "ИИ", "машинн* обучени*"),
            "ar": ("الذكاء الاصطناعي", "التعلم الآلي"),
            "zh-hans": ("人工智能", "机器学习"),
        },
    ),
    "digital": (
        False,
        (
            "The digital environment",
            "L'environnement numérique",
            "El entorno digital",
            "Цифровая среда",
            "البيئة الرقمية",
            "数字环境",
        ),
        {
            # Not «online» / «en ligne» / «онлайн» alone: every webinar is online.
            "en": (
                "digital*",
                "internet",
                "e-commerce",
                "online platform*",
                "online market*",
                "online environment*",
                "online piracy",
                "online infringement*",
            ),
            "fr": (
                "numérique*",
                "internet",
                "commerce électronique",
                "plateforme* en ligne",
                "numérisation",
                "piratage en ligne",
                "contrefaçon en ligne",
            ),
            "es": (
                "digital*",
                "internet",
                "comercio electrónico",
                "plataforma* en línea",
                "entorno* en línea",
                "piratería en línea",
            ),
            "ru": ("цифров*", "интернет*", "электронн* коммерц*", "онлайн-платформ*"),
            "ar": ("الرقمي", "الرقمية", "الإنترنت", "التجارة الإلكترونية", "الرقمنة"),
            "zh-hans": ("数字化", "数字经济", "数字技术", "数字环境", "数字内容", "互联网", "电子商务", "网络环境"),
        },
    ),
    "collective_management": (
        False,
        ("Collective management", "Gestion collective", "Gestión colectiva", "Коллективное управление", "الإدارة الجماعية", "集体管理"),
        {
            "en": ("collective management", "collecting societ*", "royalt*"),
            "fr": ("gestion collective", "société* de gestion", "organisme* de gestion collective"),
            "es": ("gestión colectiva", "sociedad* de gestión", "entidad* de gestión", "regalía*"),
            "ru": ("коллективн* управлени*", "роялти", "авторск* вознаграждени*"),
            "ar": ("الإدارة الجماعية", "الإتاوات", "منظمات الإدارة الجماعية"),
            "zh-hans": ("集体管理", "版税"),
        },
    ),
    "creative_industries": (
        False,
        ("Creative industries", "Industries créatives", "Industrias creativas", "Творческие индустрии", "الصناعات الإبداعية", "创意产业"),
        {
            "en": ("music*", "audiovisual", "film*", "creative industr*", "artist*"),
            "fr": ("musique*", "musicien*", "audiovisuel*", "cinéma*", "industries créatives", "artiste*"),
            "es": ("música*", "musical*", "audiovisual*", "cine", "industrias creativas", "artista*"),
            "ru": ("музык*", "аудиовизуальн*", "кино*", "творческ* индустри*", "артист*"),
            "ar": ("الموسيقى", "السمعي البصري", "السمعية البصرية", "الصناعات الإبداعية", "السينما", "الفنانين", "الفنانون"),
            "zh-hans": ("音乐", "视听", "电影", "创意产业", "艺术家"),
        },
    ),
    "publishing": (
        False,
        ("Publishing", "Édition", "Sector editorial", "Книгоиздание", "النشر", "出版"),
        {
            # Not «publish» (publish the recording), «book» (book a place) nor «édition» (la 3e édition).
            "en": ("publishing", "publisher*", "books", "e-book*", "book fair*"),
            "fr": ("maison* d'édition", "édition* de livres", "éditeur*", "livres", "livre numérique", "secteur du livre"),
            "es": ("editorial*", "editor*", "libro*"),
            "ru": ("издательск*", "издател*", "книг*", "книжн*"),
            "ar": ("دور النشر", "صناعة النشر", "الناشرين", "ناشر*", "نشر الكتب", "الكتب الإلكترونية"),
            "zh-hans": ("出版", "图书"),
        },
    ),
    "accessibility": (
        False,
        (
            "Accessible formats and the Marrakesh Treaty",
            "Formats accessibles et Traité de Marrakech",
            "Formatos accesibles y Tratado de Marrakech",
            "Доступные форматы и Марракешский договор",
            "الأنساق الميسرة ومعاهدة مراكش",
            "无障碍格式与《马拉喀什条约》",
        ),
        {
            "en": ("marrakesh treaty", "visually impaired", "print disabilit*", "blind", "accessible format*"),
            "fr": ("traité de marrakech", "déficients visuels", "aveugle*", "format* accessible*"),
            "es": ("tratado de marrakech", "discapacidad visual", "ciego*", "formato* accesible*"),
            "ru": ("марракешск*", "слеп*", "нарушени* зрени*", "доступн* формат*"),
            "ar": ("معاهدة مراكش", "المكفوفين", "معاقي البصر", "ضعاف البصر", "نسق ميسر", "أنساق ميسرة"),
            "zh-hans": ("马拉喀什条约", "视力障碍", "盲人", "无障碍格式"),
        },
    ),
    "gender": (
        False,
        (
            "Women and gender equality",
            "Femmes et égalité des genres",
            "Mujeres e igualdad de género",
            "Женщины и гендерное равенство",
            "المرأة والمساواة بين الجنسين",
            "妇女与性别平等",
        ),
        {
            "en": ("women", "woman", "gender", "female"),
            # Not «genre» / «género» alone: ce genre de questions, este género de cursos.
            "fr": (
                "femme*",
                "égalité des genres",
                "égalité de genre",
                "égalité des sexes",
                "perspective de genre",
                "approche genre",
                "dimension de genre",
            ),
            "es": ("mujer*", "igualdad de género", "perspectiva de género", "brecha de género", "enfoque de género"),
            "ru": ("женщин*", "гендер*"),
            "ar": ("المرأة", "النساء", "الجنسين"),
            "zh-hans": ("女性", "妇女", "性别"),
        },
    ),
    "youth": (
        False,
        ("Youth and education", "Jeunesse et éducation", "Juventud y educación", "Молодежь и образование", "الشباب والتعليم", "青年与教育"),
        {
            "en": ("youth", "young people", "young inventor*", "young creator*", "student*", "school*"),
            # Not «les jeunes» alone: les jeunes pousses are start-ups; nor «élève*»: without its
            # accents it is «élevé» (un niveau élevé).
            "fr": ("jeunesse", "jeunes gens", "jeunes créateurs", "jeunes inventeurs", "étudiant*", "école*"),
            "es": ("jóvenes", "juventud", "estudiante*", "escuela*", "alumnos"),
            "ru": ("молодеж*", "студент*", "школ*"),
            "ar": ("الشباب", "الطلاب", "المدارس"),
            "zh-hans": ("青年", "学生", "学校"),
        },
    ),
    "startups": (
        False,
        (
            "Start-ups and entrepreneurs",
            "Start-up et entrepreneurs",
            "Empresas emergentes y emprendedores",
            "Стартапы и предприниматели",
            "الشركات الناشئة ورواد الأعمال",
            "初创企业与创业者",
        ),
        {
            "en": ("start-up*", "startup*", "entrepreneur*", "incubator*"),
            "fr": ("start-up*", "startup*", "jeunes pousses", "entrepreneur*", "entreprenariat", "incubateur*"),
            "es": ("emprendedor*", "emprendimiento*", "startup*", "empresas emergentes", "incubadora*"),
            "ru": ("стартап*", "предпринимател*", "инкубатор*"),
            "ar": ("الشركات الناشئة", "رواد الأعمال", "ريادة الأعمال", "حاضنات"),
            "zh-hans": ("初创企业", "创业", "企业家", "孵化器"),
        },
    ),
    "national_strategy": (
        False,
        (
            "National IP strategies and policies",
            "Stratégies et politiques nationales de PI",
            "Estrategias y políticas nacionales de PI",
            "Национальные стратегии и политика в области ИС",
            "الاستراتيجيات والسياسات الوطنية للملكية الفكرية",
            "国家知识产权战略与政策",
        ),
        {
            "en": (
                "national strateg*",
                "IP strateg*",
                "intellectual property strateg*",
                "IP polic*",
                "intellectual property polic*",
                "national development plan*",
            ),
            "fr": (
                "stratégie* nationale*",
                "stratégie* de propriété intellectuelle",
                "politique* de propriété intellectuelle",
                "politique* nationale* de propriété intellectuelle",
            ),
            "es": (
                "estrategia* nacional*",
                "estrategia* de propiedad intelectual",
                "política* de propiedad intelectual",
            ),
            "ru": (
                "национальн* стратеги*",
                "стратеги* в области интеллектуальн*",
                "политик* в области интеллектуальн*",
            ),
            "ar": (
                "الاستراتيجية الوطنية",
                "الاستراتيجيات الوطنية",
                "استراتيجية الملكية الفكرية",
                "سياسة الملكية الفكرية",
                "سياسات الملكية الفكرية",
            ),
            "zh-hans": ("国家战略", "知识产权战略", "知识产权政策"),
        },
    ),
    "dispute_resolution": (
        False,
        (
            "Dispute resolution (mediation, arbitration)",
            "Règlement des litiges (médiation, arbitrage)",
            "Solución de controversias (mediación, arbitraje)",
            "Разрешение споров (медиация, арбитраж)",
            "تسوية المنازعات (الوساطة والتحكيم)",
            "争议解决（调解、仲裁）",
        ),
        {
            "en": ("dispute*", "mediation", "arbitration"),
            "fr": ("litige*", "différend*", "médiation", "arbitrage"),
            "es": ("controversia*", "disputa*", "mediación", "arbitraje"),
            # The forms of «спор», never the stem: «спорт» (sport) begins with it.
            "ru": (
                "спор",
                "спора",
                "спору",
                "спором",
                "споре",
                "споры",
                "споров",
                "спорам",
                "спорами",
                "спорах",
                "медиаци*",
                "арбитраж*",
            ),
            "ar": ("النزاعات", "نزاع", "المنازعات", "الوساطة", "التحكيم"),
            "zh-hans": ("争议解决", "纠纷", "调解", "仲裁"),
        },
    ),
    "public_health": (
        False,
        ("Public health", "Santé publique", "Salud pública", "Здравоохранение", "الصحة العامة", "公共卫生"),
        {
            "en": ("public health", "medicine*", "pharmaceutic*", "vaccine*"),
            "fr": ("santé publique", "médicament*", "pharmaceutique*", "vaccin*"),
            "es": ("salud pública", "medicamento*", "farmacéutic*", "vacuna*"),
            "ru": ("здравоохранени*", "лекарств*", "фармацевт*", "вакцин*"),
            "ar": ("الصحة العامة", "الأدوية", "الصيدلانية", "اللقاحات", "لقاح"),
            "zh-hans": ("公共卫生", "药品", "医药", "疫苗"),
        },
    ),
    "climate_green": (
        False,
        (
            "Climate change and green technology",
            "Changement climatique et technologies vertes",
            "Cambio climático y tecnologías verdes",
            "Изменение климата и зеленые технологии",
            "تغير المناخ والتكنولوجيا الخضراء",
            "气候变化与绿色技术",
        ),
        {
            # Not «climate» / «climat» / «clima» / «климат» / المناخ alone: the business climate.
            # Not «environment» / 环境 alone: the online environment (网络环境), the business environment.
            "en": (
                "climate change",
                "climate action",
                "climate technolog*",
                "climate adaptation",
                "climate mitigation",
                "green technolog*",
                "green innovation*",
                "clean energy",
                "clean technolog*",
                "renewable energ*",
                "low-carbon",
                "environmental protection",
                "environmentally sound",
            ),
            "fr": (
                "changement* climatique*",
                "climatique*",
                "technologie* verte*",
                "innovation* verte*",
                "énergie* propre*",
                "énergie* renouvelable*",
                "protection de l'environnement",
                "environnemental*",
            ),
            "es": (
                "cambio* climático*",
                "climátic*",
                "tecnología* verde*",
                "innovación verde",
                "energía* limpia*",
                "energía* renovable*",
                "medio ambiente",
                "ambiental*",
            ),
            "ru": (
                "изменени* климат*",
                "климатическ*",
                "зелен* технологи*",
                "зелен* инноваци*",
                "окружающ* сред*",
                "экологическ*",
                "чист* энерги*",
                "возобновляем*",
            ),
            "ar": (
                "تغير المناخ",
                "التغير المناخي",
                "مناخي*",
                "التكنولوجيا الخضراء",
                "التكنولوجيات الخضراء",
                "الطاقة المتجددة",
                "الطاقة النظيفة",
                "حماية البيئة",
            ),
            "zh-hans": ("气候", "绿色技术", "绿色创新", "清洁能源", "可再生能源", "环境保护", "低碳"),
        },
    ),
    "agriculture": (
        False,
        (
            "Agriculture and plant varieties",
            "Agriculture et variétés végétales",
            "Agricultura y variedades vegetales",
            "Сельское хозяйство и сорта растений",
            "الزراعة والأصناف النباتية",
            "农业与植物新品种",
        ),
        {
            "en": ("agricultur*", "plant variet*", "farmer*", "crop*"),
            "fr": ("agricult*", "agricole*", "obtention* végétale*", "variété* végétale*", "semence*"),
            "es": ("agrícol*", "agricultur*", "variedad* vegetal*", "obtenci* vegetal*", "semilla*"),
            "ru": ("сельск* хозяйств*", "сельскохозяйствен*", "сорт* растени*", "фермер*", "семен*"),
            "ar": ("الزراعة", "زراعي*", "الأصناف النباتية", "المزارعين", "البذور"),
            "zh-hans": ("农业", "植物新品种", "农民", "种子"),
        },
    ),
    "trade_secrets": (
        False,
        ("Trade secrets", "Secrets d'affaires", "Secretos comerciales", "Коммерческая тайна", "الأسرار التجارية", "商业秘密"),
        {
            "en": ("trade secret*", "confidential information"),
            "fr": ("secret* d'affaires", "secret* commercia*", "information* confidentielle*"),
            "es": ("secreto* comercial*", "secreto* empresarial*", "información confidencial"),
            "ru": ("коммерческ* тайн*", "ноу-хау"),
            "ar": ("الأسرار التجارية", "السر التجاري", "الدراية العملية"),
            "zh-hans": ("商业秘密", "技术诀窍"),
        },
    ),
    "legislation": (
        False,
        (
            "Legislation and legal frameworks",
            "Législation et cadres juridiques",
            "Legislación y marcos jurídicos",
            "Законодательство и правовая база",
            "التشريعات والأطر القانونية",
            "立法与法律框架",
        ),
        {
            "en": ("legislat*", "legal framework*", "law reform", "drafting law*"),
            "fr": ("législati*", "cadre* juridique*", "réforme du droit"),
            "es": ("legisla*", "marco* jurídico*", "reforma legal"),
            "ru": ("законодательств*", "правов* баз*", "нормативн* баз*"),
            "ar": ("التشريعات", "تشريعي*", "الإطار القانوني", "الأطر القانونية"),
            "zh-hans": ("立法", "法律框架", "法律改革"),
        },
    ),
    "office_administration": (
        False,
        (
            "IP office administration and automation",
            "Administration et automatisation des offices de PI",
            "Administración y automatización de las oficinas de PI",
            "Работа и автоматизация ведомств ИС",
            "إدارة مكاتب الملكية الفكرية وأتمتتها",
            "知识产权局管理与自动化",
        ),
        {
            "en": (
                "IP office*",
                "intellectual property office*",
                "patent office*",
                "trademark office*",
                "office automation",
                "registration procedure*",
                "e-filing",
            ),
            "fr": (
                "office* de propriété",
                "office* de la propriété",
                "office* de brevets",
                "office* des brevets",
                "automatisation",
                "dépôt électronique",
            ),
            "es": (
                "oficina* de propiedad",
                "oficina* de la propiedad",
                "oficina* de patentes",
                "automatización",
                "presentación electrónica",
            ),
            "ru": ("патентн* ведомств*", "ведомств* интеллектуальн*", "автоматизац*", "электронн* подач*"),
            "ar": ("مكاتب الملكية", "مكتب الملكية", "الأتمتة", "الإيداع الإلكتروني"),
            "zh-hans": ("知识产权局", "专利局", "商标局", "自动化", "电子申请"),
        },
    ),
    "statistics_economics": (
        False,
        (
            "Statistics and economics of IP",
            "Statistiques et économie de la PI",
            "Estadísticas y economía de la PI",
            "Статистика и экономика ИС",
            "إحصاءات الملكية الفكرية واقتصادها",
            "知识产权统计与经济",
        ),
        {
            # Not «indicator» alone: every evaluation has its performance indicators.
            "en": ("statistic*", "economic stud*", "economic impact*", "economics of intellectual property"),
            "fr": ("statistique*", "études économiques", "impact* économique*", "économie de la propriété intellectuelle"),
            "es": ("estadístic*", "estudios económicos", "impacto* económico*", "economía de la propiedad intelectual"),
            "ru": ("статистик*", "статистическ*", "экономическ* исследовани*", "экономическ* эффект*"),
            # Not مؤشرات (indicators): المؤشرات الجغرافية are geographical indications.
            "ar": ("الإحصاءات", "إحصائي*", "الدراسات الاقتصادية", "الأثر الاقتصادي"),
            "zh-hans": ("统计", "经济研究", "经济影响"),
        },
    ),
    "innovation_support": (
        False,
        ("Innovation and inventors", "Innovation et inventeurs", "Innovación e inventores", "Инновации и изобретатели", "الابتكار والمخترعون", "创新与发明人"),
        {
            "en": ("innovation*", "inventor", "inventors", "invention*"),
            "fr": ("innovation*", "inventeur*", "invention*"),
            "es": ("innovaci*", "inventor*", "invenci*"),
            "ru": ("инновац*", "изобретател*", "изобретени*"),
            # Not الاختراع alone: براءات الاختراع are patents.
            "ar": ("ابتكار*", "المخترعين", "مخترع*", "الاختراعات"),
            "zh-hans": ("创新", "发明人", "发明创造"),
        },
    ),
    "software_games": (
        False,
        ("Software and video games", "Logiciels et jeux vidéo", "Software y videojuegos", "Программное обеспечение и видеоигры", "البرمجيات وألعاب الفيديو", "软件与电子游戏"),
        {
            "en": ("software", "video game*", "computer program*"),
            "fr": ("logiciel*", "jeu* vidéo", "programme* d'ordinateur"),
            "es": ("software", "videojuego*", "programa* de ordenador", "programas informáticos"),
            "ru": ("программн* обеспечени*", "видеоигр*", "компьютерн* программ*"),
            "ar": ("البرمجيات", "ألعاب الفيديو", "برامج الحاسوب"),
            "zh-hans": ("软件", "电子游戏", "计算机程序"),
        },
    ),
    "sports": (
        False,
        ("Sports", "Sport", "Deporte", "Спорт", "الرياضة", "体育"),
        {
            "en": ("sport*",),
            "fr": ("sport*",),
            "es": ("deporte*", "deportiv*"),
            "ru": ("спорт*",),
            # Not رياضي alone: also mathematical (النماذج الرياضية).
            "ar": ("الرياضة", "الرياضيين", "الأحداث الرياضية"),
            "zh-hans": ("体育",),
        },
    ),
    "domain_names": (
        False,
        ("Domain names", "Noms de domaine", "Nombres de dominio", "Доменные имена", "أسماء الحقول", "域名"),
        {
            "en": ("domain name*",),
            "fr": ("nom* de domaine",),
            "es": ("nombre* de dominio",),
            "ru": ("доменн* им*",),
            "ar": ("أسماء الحقول", "أسماء النطاقات", "اسم النطاق", "اسم الحقل"),
            "zh-hans": ("域名",),
        },
    ),
}


def seed_thesaurus(apps, schema_editor):
    Concept = apps.get_model("similarity", "Concept")
    Term = apps.get_model("similarity", "Term")
    for slug, (scope_area, labels, terms) in THESAURUS.items():
        translated = {f"label_{language}": label for language, label in zip(LABEL_LANGUAGES, labels, strict=True)}
        concept, _created = Concept.objects.update_or_create(
            slug=slug, defaults={"scope_area": scope_area, "label": labels[0], **translated}
        )
        for language, texts in terms.items():
            for text in texts:
                Term.objects.get_or_create(concept=concept, language=language, text=text)
    cache.delete(VERSION_KEY)


def remove_thesaurus(apps, schema_editor):
    apps.get_model("similarity", "Concept").objects.filter(slug__in=THESAURUS).delete()
    cache.delete(VERSION_KEY)


class Migration(migrations.Migration):
    dependencies = [("similarity", "0001_vectors_and_thesaurus")]

    operations = [migrations.RunPython(seed_thesaurus, remove_thesaurus)]
