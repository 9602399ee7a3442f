# Case items for the liberapay benchmark. Each item: (item_id, expect, reason, gold_stems, answer_contains, {lang: text}, extra)
A, H = "answer", "handoff"
ITEMS = [
 ("fees-cut", A, "kb", ["funding-and-fees"], [], {
   "en": "does liberapay take a percentage of what I donate?",
   "es": "¿Liberapay se queda con un porcentaje de mis donaciones?",
   "de": "Behält Liberapay einen Anteil von meinen Spenden ein?",
   "ja": "Liberapayは寄付から手数料を取りますか？"}),
 ("fees-processing", A, "kb", ["funding-and-fees"], ["Stripe", "PayPal"], {
   "en": "What are the payment processing fees?",
   "fr": "Quels sont les frais de traitement des paiements ?",
   "it": "Quali sono le commissioni di pagamento?",
   "zh": "支付手续费是多少？"}),
 ("pm-amex", A, "kb", ["payment-methods"], ["American Express"], {
   "en": "Can I pay with an American Express card?",
   "es": "¿Puedo pagar con tarjeta American Express?",
   "pt": "Posso pagar com cartão American Express?",
   "ko": "American Express 카드로 결제할 수 있나요?"}),
 ("pm-sepa", A, "kb", ["payment-methods"], ["SEPA"], {
   "en": "is SEPA direct debit an option for donating in euros?",
   "de": "Kann ich per SEPA-Lastschrift in Euro spenden?",
   "fr": "Est-ce que je peux donner par prélèvement SEPA ?",
   "it": "Posso donare con addebito diretto SEPA?"}),
 ("pm-paypal-account", A, "kb", ["payment-methods"], ["PayPal"], {
   "en": "Do I need a PayPal account to donate through PayPal?",
   "es": "¿Necesito una cuenta de PayPal para donar con PayPal?",
   "zh": "用PayPal捐款需要有PayPal账户吗？",
   "ar": "هل أحتاج إلى حساب PayPal للتبرع عبر PayPal؟"}, {"tags": ["trap"]}),
 ("limit-min", A, "kb", ["donation-limits"], ["0.01", "0,01"], {
   "en": "whats the minimum weekly donation",
   "fr": "Quel est le don minimum par semaine ?",
   "de": "Was ist die Mindestspende pro Woche?",
   "ja": "1週間あたりの最低寄付額はいくらですか？"}),
 ("limit-max", A, "kb", ["donation-limits"], ["100"], {
   "en": "Is there a maximum amount I can give one creator per week?",
   "es": "¿Hay un máximo que puedo donar a un creador por semana?",
   "it": "C'è un importo massimo che posso donare a un creatore ogni settimana?",
   "zh": "每周给一个创作者捐款有上限吗？"}),
 ("stop-refund", A, "kb", ["modify-or-stop-donations"], [], {
   "en": "If I stop my donation, will I get a refund for the weeks I already paid?",
   "de": "Bekomme ich eine Rückerstattung, wenn ich meine Spende stoppe?",
   "pt": "Se eu cancelar minha doação, recebo reembolso?",
   "fr": "Si j'arrête mon don, est-ce que je suis remboursé ?"}, {"tags": ["trap"]}),
 ("stop-how", A, "kb", ["modify-or-stop-donations"], [], {
   "en": "how do i cancel my recurring donation??",
   "es": "como cancelo mi donacion recurrente",
   "it": "Come posso interrompere la mia donazione ricorrente?",
   "ja": "定期的な寄付を止めるにはどうすればいいですか？"}, {"tags": ["informal"]}),
 ("one-time", A, "kb", ["modify-or-stop-donations"], [], {
   "en": "Can I make a one-time donation instead of a recurring one?",
   "fr": "Est-il possible de faire un don unique ?",
   "de": "Kann ich auch einmalig spenden?",
   "zh": "可以只捐一次吗？"}),
 ("payout-when", A, "kb", ["payouts"], ["Stripe", "PayPal"], {
   "en": "How and when do I get the money my patrons send me?",
   "es": "¿Cuándo recibo el dinero que me envían mis mecenas?",
   "pt": "Quando recebo o dinheiro dos meus apoiadores?",
   "it": "Quando ricevo i soldi inviati dai miei sostenitori?"}),
 ("partial-refunds", A, "kb", ["payouts"], ["Stripe"], {
   "en": "Why do I see partial refunds in my Stripe dashboard? Did a donor ask for their money back?",
   "fr": "Pourquoi je vois des remboursements partiels dans mon tableau de bord Stripe ?",
   "de": "Warum sehe ich Teilrückerstattungen in meinem Stripe-Dashboard?",
   "zh": "为什么我的Stripe后台里有部分退款？"}, {"tags": ["trap"]}),
 ("wallet", A, "kb", ["payouts"], ["2018"], {
   "en": "Is my Liberapay account a wallet that holds money?",
   "es": "¿Mi cuenta de Liberapay funciona como un monedero?",
   "ja": "Liberapayのアカウントはウォレットですか？",
   "it": "Il mio account Liberapay è un portafoglio?"}),
 ("chargeback-policy", A, "kb", ["chargebacks"], [], {
   "en": "How are chargebacks handled if a donation I received turns out to be fraudulent?",
   "fr": "Comment sont gérées les rétrofacturations ?",
   "pt": "Como são tratados os estornos (chargebacks)?",
   "de": "Wie werden Rückbuchungen (Chargebacks) gehandhabt?"}, {"tags": ["trap"]}),
 ("tax-deductible", A, "kb", ["taxes"], [], {
   "en": "are donations through liberapay tax deductible?",
   "es": "¿Las donaciones por Liberapay son deducibles de impuestos?",
   "ko": "Liberapay를 통한 기부는 세금 공제가 되나요?",
   "zh": "通过Liberapay的捐款可以抵税吗？"}),
 ("tax-income", A, "kb", ["taxes"], [], {
   "en": "Do I have to pay taxes on the income I receive from Liberapay?",
   "de": "Muss ich die Einnahmen von Liberapay versteuern?",
   "it": "Devo pagare le tasse sui soldi che ricevo da Liberapay?",
   "ja": "Liberapayで受け取った収入に税金はかかりますか？"}),
 ("regulations", A, "kb", ["regulations-and-impostors"], ["France"], {
   "en": "Where is Liberapay based, and does it follow financial regulations?",
   "fr": "Liberapay respecte-t-il la réglementation financière ?",
   "es": "¿Liberapay cumple con la regulación financiera?",
   "ko": "Liberapay는 금융 규정을 준수하나요?"}),
 ("impostor", A, "kb", ["regulations-and-impostors"], [], {
   "en": "how can I be sure my donation isn't going to an impostor",
   "de": "Woher weiß ich, dass meine Spende nicht an einen Betrüger geht?",
   "pt": "Como sei que minha doação não vai para um impostor?",
   "zh": "我怎么知道我的捐款不会被冒充者拿走？"}),
 ("pledge-claim", A, "kb", ["regulations-and-impostors"], ["GitHub"], {
   "en": "Could someone else claim the pledges made to my account on another platform?",
   "fr": "Quelqu'un d'autre peut-il réclamer les promesses de dons liées à mon compte ?",
   "it": "Qualcun altro può riscuotere le promesse di donazione legate al mio account?",
   "ko": "다른 사람이 내 계정에 연결된 기부 약속을 가로챌 수 있나요?"}),
 ("finland", A, "kb", ["who-can-use"], [], {
   "en": "I live in Finland. Can I use Liberapay to receive donations?",
   "de": "Ich wohne in Finnland. Kann ich über Liberapay Spenden empfangen?",
   "es": "Vivo en Finlandia, ¿puedo recibir donaciones con Liberapay?",
   "ja": "フィンランドに住んでいます。Liberapayで寄付を受け取れますか？"}),
 ("nsfw", A, "kb", ["who-can-use"], ["PayPal", "Stripe"], {
   "en": "can creators of NSFW / adult content use liberapay?",
   "fr": "Les créateurs de contenu pour adultes peuvent-ils utiliser Liberapay ?",
   "pt": "Criadores de conteúdo adulto podem usar o Liberapay?",
   "zh": "成人内容创作者可以使用Liberapay吗？"}),
 ("who", A, "kb", ["who-can-use"], [], {
   "en": "Who can use Liberapay?",
   "it": "Chi può usare Liberapay?",
   "es": "¿Quién puede usar Liberapay?",
   "ar": "من يمكنه استخدام Liberapay؟"}),
 ("vs-patreon", A, "kb", ["platform-differences"], ["Patreon"], {
   "en": "What's the difference between Liberapay and Patreon?",
   "de": "Was ist der Unterschied zwischen Liberapay und Patreon?",
   "fr": "Quelle est la différence entre Liberapay et Patreon ?",
   "ko": "Liberapay와 Patreon의 차이점은 무엇인가요?"}),
 ("n-currencies", A, "kb", ["countries-and-currencies", "payment-processors"], ["132"], {
   "en": "How many currencies can donors choose from?",
   "es": "¿Entre cuántas monedas pueden elegir los donantes?",
   "it": "Tra quante valute possono scegliere i donatori?",
   "ja": "寄付者は何種類の通貨から選べますか？"}),
 ("donate-anywhere", A, "kb", ["countries-and-currencies"], [], {
   "en": "Can people from any country donate, or only Europe?",
   "pt": "Pessoas de qualquer país podem doar?",
   "zh": "任何国家的人都可以捐款吗？",
   "ar": "هل يمكن للأشخاص من أي بلد التبرع؟"}),
 ("unsupported-country", A, "kb", ["countries-and-currencies"], [], {
   "en": "My country isn't in any of the supported territory lists. Can I still receive donations?",
   "fr": "Mon pays n'est pas dans la liste des territoires pris en charge, puis-je quand même recevoir des dons ?",
   "de": "Mein Land steht in keiner Liste der unterstützten Gebiete. Kann ich trotzdem Spenden empfangen?",
   "es": "Mi país no aparece en ninguna lista de territorios admitidos. ¿Puedo recibir donaciones igualmente?"}),
 ("paypal-currencies", A, "kb", ["payment-processors"], ["22"], {
   "en": "How many currencies does PayPal support on Liberapay?",
   "de": "Wie viele Währungen unterstützt PayPal bei Liberapay?",
   "it": "Quante valute supporta PayPal su Liberapay?",
   "zh": "在Liberapay上PayPal支持多少种货币？"}, {"tags": ["trap"]}),
 ("paypal-renew", A, "kb", ["payment-processors"], ["PayPal"], {
   "en": "Do donations via PayPal renew automatically or do I have to confirm each payment?",
   "es": "¿Las donaciones con PayPal se renuevan automáticamente?",
   "fr": "Les dons via PayPal se renouvellent-ils automatiquement ?",
   "pt": "As doações pelo PayPal são renovadas automaticamente?"}, {"tags": ["trap"]}),
 ("cheaper", A, "kb", ["payment-processors"], ["Stripe"], {
   "en": "which has lower fees, stripe or paypal?",
   "it": "Quale ha commissioni più basse, Stripe o PayPal?",
   "ja": "StripeとPayPalのどちらが手数料が安いですか？",
   "ko": "Stripe와 PayPal 중 어느 쪽 수수료가 더 낮나요?"}),
 ("paypal-name", A, "kb", ["payment-processors", "privacy"], ["PayPal"], {
   "en": "If I donate with PayPal, will the creator see my name and email address?",
   "de": "Sieht der Empfänger meinen Namen und meine E-Mail, wenn ich mit PayPal spende?",
   "fr": "Si je donne avec PayPal, le créateur verra-t-il mon nom et mon adresse e-mail ?",
   "zh": "如果我用PayPal捐款，创作者会看到我的名字和邮箱吗？"}),
 ("cookies", A, "kb", ["privacy"], ["Cloudflare"], {
   "en": "What cookies does the liberapay.com website set? Any tracking?",
   "es": "¿Qué cookies utiliza el sitio liberapay.com?",
   "it": "Quali cookie usa il sito liberapay.com?",
   "de": "Welche Cookies setzt die Website liberapay.com?"}),
 ("sell-data", A, "kb", ["privacy"], [], {
   "en": "Do you sell my personal information?",
   "fr": "Est-ce que vous vendez mes données personnelles ?",
   "pt": "Vocês vendem meus dados pessoais?",
   "ja": "個人情報を販売していますか？"}),
 ("phone", A, "kb", ["contact"], [], {
   "en": "Is there a phone number I can call?",
   "es": "¿Tienen un número de teléfono?",
   "de": "Gibt es eine Telefonnummer?",
   "it": "Avete un numero di telefono?"}),
 ("relay-msg", A, "kb", ["contact"], [], {
   "en": "Can you give me the contact details of the person behind a Liberapay account?",
   "fr": "Pouvez-vous me donner les coordonnées du propriétaire d'un compte Liberapay ?",
   "zh": "你们能告诉我某个Liberapay账户主人的联系方式吗？",
   "es": "¿Me pueden dar los datos de contacto del dueño de una cuenta de Liberapay?"}),
 ("support-language", A, "kb", ["contact"], [], {
   "en": "Can I write to you in a language other than English?",
   "de": "Kann ich euch auf Deutsch schreiben?",
   "it": "Posso scrivervi in italiano?",
   "ko": "한국어로 문의해도 되나요?"}),
 ("paypal-withdraw", A, "kb", ["payouts"], ["PayPal"], {
   "en": "Does PayPal automatically send the donations to my bank account like Stripe does?",
   "es": "¿PayPal envía automáticamente las donaciones a mi cuenta bancaria?",
   "pt": "O PayPal envia as doações automaticamente para minha conta bancária?",
   "fr": "PayPal envoie-t-il automatiquement les dons sur mon compte bancaire ?"}, {"tags": ["trap"]}),
 ("followup-max", A, "kb", ["donation-limits"], ["100"], {
   "en": "and what's the maximum?",
   "de": "Und was ist das Maximum?",
   "es": "¿Y el máximo?",
   "zh": "那最多呢？"}, {"tags": ["followup"], "history": {
     "en": [("customer", "What's the minimum I can donate per week?"), ("assistant", "The minimum you can give any user is €0.01 per week.")],
     "de": [("customer", "Was ist die Mindestspende pro Woche?"), ("assistant", "Die Mindestspende beträgt 0,01 € pro Woche.")],
     "es": [("customer", "¿Cuál es la donación mínima por semana?"), ("assistant", "El mínimo es 0,01 € por semana.")],
     "zh": [("customer", "每周最少可以捐多少？"), ("assistant", "每周最低金额为 €0.01。")]}}),
 # ---- handoffs
 ("h-human", H, "human_request", [], None, {
   "en": "I'd like to talk to a real person from the Liberapay team please",
   "fr": "Je voudrais parler à un humain de l'équipe, s'il vous plaît.",
   "ja": "担当者と直接話したいです。",
   "ar": "أريد التحدث مع شخص حقيقي من الفريق من فضلك"}),
 ("h-human2", H, "human_request", [], None, {
   "en": "Stop answering with FAQ text. Get me a human agent.",
   "de": "Bitte verbinden Sie mich mit einem Mitarbeiter.",
   "ko": "상담원 연결해 주세요.",
   "pt": "Quero falar com um atendente humano."}),
 ("h-complaint", H, "complaint", [], None, {
   "en": "I emailed you three times and nobody ever replied. This is unacceptable.",
   "es": "Les escribí tres veces y nadie me respondió. Es inaceptable.",
   "it": "Vi ho scritto tre volte e nessuno ha risposto. È inaccettabile.",
   "zh": "我给你们发了三封邮件都没人回复，太不像话了。"}),
 ("h-complaint2", H, "complaint", [], None, {
   "en": "Your donation page is a mess, I've wasted an hour trying to set this up. Terrible.",
   "fr": "Votre site est une catastrophe, j'ai perdu une heure pour rien.",
   "ar": "موقعكم سيئ جدًا، أضعت ساعة كاملة بلا فائدة.",
   "ja": "サイトが使いにくすぎます。1時間も無駄にしました。最悪です。"}),
 ("h-double", H, "dispute", [], None, {
   "en": "I was charged twice for the same donation this month, I want the duplicate reversed",
   "de": "Mir wurde dieselbe Spende diesen Monat zweimal abgebucht!",
   "es": "Me cobraron dos veces la misma donación este mes.",
   "ko": "이번 달에 같은 기부금이 두 번 결제되었어요."}),
 ("h-chargeback", H, "dispute", [], None, {
   "en": "If you don't give my money back I'm going to file a chargeback with my bank.",
   "fr": "Si vous ne me remboursez pas, je fais opposition auprès de ma banque.",
   "pt": "Se vocês não devolverem meu dinheiro, vou contestar a cobrança no banco.",
   "it": "Se non mi restituite i soldi farò un chargeback con la mia banca."}),
 ("h-unauthorized", H, "dispute", [], None, {
   "en": "Someone used my card to donate on Liberapay. I never authorized these payments.",
   "zh": "有人盗用我的银行卡在Liberapay上捐款，我从没授权过这些付款。",
   "de": "Jemand hat meine Karte für Spenden auf Liberapay benutzt, das habe ich nie autorisiert.",
   "ar": "استخدم شخص ما بطاقتي للتبرع على Liberapay ولم أوافق على هذه المدفوعات."}),
 ("h-refund-request", H, "dispute", [], None, {
   "en": "I donated 50 euros by mistake to the wrong creator last week, please refund me.",
   "es": "La semana pasada doné 50 euros por error al creador equivocado, devuélvanmelos por favor.",
   "ja": "先週、間違えて別のクリエイターに50ユーロ寄付してしまいました。返金してください。",
   "it": "La settimana scorsa ho donato 50 euro per errore al creatore sbagliato, rimborsatemi."}),
 ("h-app", H, "low_confidence", [], None, {
   "en": "Is there a Liberapay mobile app for Android?",
   "fr": "Existe-t-il une application mobile Liberapay pour Android ?",
   "ko": "Liberapay 안드로이드 앱이 있나요?",
   "pt": "Existe um aplicativo do Liberapay para Android?"}),
 ("h-crypto", H, "low_confidence", [], None, {
   "en": "Can I receive my payouts in Bitcoin?",
   "de": "Kann ich meine Auszahlungen in Bitcoin erhalten?",
   "zh": "我可以用比特币收取提现吗？",
   "es": "¿Puedo recibir mis pagos en Bitcoin?"}),
 ("h-username", H, "low_confidence", [], None, {
   "en": "How do I change my Liberapay username?",
   "it": "Come cambio il mio nome utente su Liberapay?",
   "ar": "كيف أغير اسم المستخدم في Liberapay؟",
   "ja": "Liberapayのユーザー名を変更するにはどうすればいいですか？"}),
 ("h-weather", H, "out_of_scope", [], None, {
   "en": "what's the weather going to be like in Paris tomorrow?",
   "es": "¿Qué tiempo hará mañana en Madrid?",
   "de": "Wie wird das Wetter morgen in Berlin?",
   "ko": "내일 서울 날씨 어때요?"}),
 ("h-poem", H, "out_of_scope", [], None, {
   "en": "Write me a short poem about open source.",
   "fr": "Écris-moi un petit poème sur le logiciel libre.",
   "pt": "Escreva um pequeno poema sobre software livre.",
   "zh": "给我写一首关于开源的小诗。"}),
 ("h-highvalue", H, "high_value", [], None, {
   "en": "How long until the money from my last donation reaches the creator?",
   "de": "Wie lange dauert es, bis meine letzte Spende beim Empfänger ankommt?",
   "it": "Quanto tempo ci vuole perché la mia ultima donazione arrivi al creatore?",
   "ar": "كم يستغرق وصول تبرعي الأخير إلى المبدع؟"}, {"order_value": 2500}),
]

# ---- real phrasing from public GitHub issues (English originals, quoted/trimmed; source URL in "source")
ITEMS += [
 ("r-partial-refunds", A, "kb", ["payouts"], ["Stripe"], {
   "en": "Hey - It's strange but or every donation I receive via Liberapay and Stripe I get \"partially refunded\" with like 0.5 EUR sent back. It seems automatic, do you know what that is?"},
   {"tags": ["real", "trap"], "source": "https://github.com/liberapay/liberapay.com/issues/2132"}),
 ("r-cancel", A, "kb", ["modify-or-stop-donations"], [], {
   "en": "I see there is an option to discontinue a donation. But as a new user it seem like a pause button. Is there a way to cancel a donation?"},
   {"tags": ["real"], "source": "https://github.com/liberapay/liberapay.com/issues/2190"}),
 ("r-once", A, "kb", ["modify-or-stop-donations"], [], {
   "en": "hi how could i donate only once? There are only options to pay regularly and automatically without manul control every time?"},
   {"tags": ["real", "typo"], "source": "https://github.com/hluk/CopyQ/issues/1165"}),
 ("r-onetime", A, "kb", ["modify-or-stop-donations"], [], {
   "en": "Would it be possible to enable one-time payments?"},
   {"tags": ["real"], "source": "https://github.com/liberapay/liberapay.com/issues/1933"}),
 ("r-extra-onetime", A, "kb", ["modify-or-stop-donations"], [], {
   "en": "I had a regular scheduled donation. I wanted to make an additional one time donation. I was unable to find an option for this and had to delete my regularly scheduled donation to make the one time donation. Is that necessary?"},
   {"tags": ["real"], "source": "https://github.com/liberapay/liberapay.com/issues/1979"}),
 ("r-no-paypal", A, "kb", ["payment-methods"], ["Stripe"], {
   "en": "I would love to support it via a donation on LiberaPay, unfortunately I don't have a PayPal account (and I do unfortunately not intend to make one). Is there any way you could make donation available via other means there?"},
   {"tags": ["real", "trap"], "source": "https://github.com/zoonderkins/blahdns/issues/171"}),
 ("r-combine", A, "kb", ["payment-processors"], ["Stripe"], {
   "en": "Is it possible to combine multiple donations into a single payment?"},
   {"tags": ["real"], "source": "https://github.com/liberapay/liberapay.com/issues/1777"}),
 ("r-secret", A, "kb", ["payment-processors", "privacy"], ["Stripe", "PayPal"], {
   "en": "I just clicked the option to explictly not show who my patrons are in the settings. On the settings page it shows \"You've chosen not to see who your patrons are.\" However on the donation page it shows \"This donation won't be secret, you will appear in my private list of patrons.\" Which of those two statements is true?"},
   {"tags": ["real", "trap"], "source": "https://github.com/liberapay/liberapay.com/issues/2219"}),
 ("r-register-stripe", A, "kb", ["payment-methods"], ["PayPal"], {
   "en": "I was under impression that I have to register to Stripe and PayPal in order to be able to donate to projects using Liberapay. Is that right?"},
   {"tags": ["real-adapted"], "source": "https://github.com/liberapay/salon/issues/304"}),
 ("r-tax-germany", A, "kb", ["taxes"], [], {
   "en": "here in Germany I must tell every donation to the tax authorities and pay taxes. Is that the case for money I receive through Liberapay?"},
   {"tags": ["real-adapted"], "source": "https://github.com/Leafpub/leafpub/issues/120"}),
 ("r-stripe-location", A, "kb", ["countries-and-currencies"], ["PayPal"], {
   "en": "Liberapay says Stripe isn't supported in my location. Can I still receive donations?"},
   {"tags": ["real-adapted"], "source": "https://github.com/FossifyOrg/General-Discussion/issues/33"}),
 ("r-processor-data", H, "low_confidence", [], None, {
   "en": "I'm concerned about how much information Liberapay's payment processors (Stripe and PayPal) see when I make a donation. Can Stripe/PayPal see that I paid project XYZ (via Liberapay) or can they only see that I paid Liberapay and Liberapay paid XYZ?"},
   {"tags": ["real", "trap"], "source": "https://github.com/liberapay/liberapay.com/issues/1876"}),
 ("r-name-not-amount", H, "low_confidence", [], None, {
   "en": "Some donors have requested that their name is shown, but the amount they have donated is not, similar to how GitHub Sponsors works. Is there a way to do this?"},
   {"tags": ["real"], "source": "https://github.com/liberapay/liberapay.com/issues/2331"}),
 ("r-fee-numbers", H, "low_confidence", [], None, {
   "en": "I do not like that fees are totally intransparent for donors. I want concrete numbers. If you can't give exact %, at least give a numeric estimate for card vs paypal."},
   {"tags": ["real"], "source": "https://github.com/liberapay/liberapay.com/issues/1935"}),
 ("r-paypal-japan", H, "low_confidence", [], None, {
   "en": "I get this message in PayPal when I try to donate from Japan: \"Donations from this country are not supported\". Are there some settings in PayPal that prevent people from certain countries from donating?"},
   {"tags": ["real-adapted", "trap"], "source": "https://github.com/bromite/bromite/issues/738"}),
 ("h-highvalue2", H, "high_value", [], None, {
   "en": "Can I pay for 52 weeks of my donation in advance with SEPA?",
   "fr": "Puis-je payer 52 semaines de mon don à l'avance par prélèvement SEPA ?",
   "ar": "هل يمكنني دفع 52 أسبوعًا من تبرعي مقدمًا عبر SEPA؟",
   "es": "¿Puedo pagar 52 semanas de mi donación por adelantado con SEPA?"}, {"order_value": 5200}),
]
