# Case items for the github-policies benchmark (KB is English only).
A, H = "answer", "handoff"
ITEMS = [
 ("age", A, "kb", ["tos-account-terms", "privacy-statement"], ["13"], {
   "en": "How old do you have to be to open an account?",
   "es": "¿Qué edad mínima hay que tener para abrir una cuenta?",
   "ja": "アカウントを作るには何歳以上である必要がありますか？",
   "ar": "ما هو الحد الأدنى للعمر لفتح حساب؟"}),
 ("free-accounts", A, "kb", ["tos-account-terms"], ["one free"], {
   "en": "can I have more than one free account?",
   "de": "Darf ich mehr als ein kostenloses Konto haben?",
   "fr": "Puis-je avoir plusieurs comptes gratuits ?",
   "zh": "我可以拥有多个免费账户吗？"}),
 ("shared-login", A, "kb", ["tos-account-terms"], ["one person"], {
   "en": "Can my team share a single login?",
   "it": "Il mio team può condividere un unico login?",
   "pt": "Minha equipe pode compartilhar um único login?",
   "ko": "팀원들이 하나의 로그인을 같이 써도 되나요?"}),
 ("required-info", A, "kb", ["tos-account-terms"], ["email address"], {
   "en": "What information do I need to give to sign up? Is my real name required?",
   "es": "¿Qué datos necesito para registrarme? ¿Es obligatorio mi nombre real?",
   "fr": "Quelles informations faut-il fournir pour s'inscrire ?",
   "de": "Welche Angaben brauche ich für die Registrierung?"}),
 ("bill-upgrade", A, "kb", ["tos-payment"], ["immediately"], {
   "en": "When will I be billed if I upgrade from the free plan to a paid plan?",
   "zh": "从免费版升级到付费版，什么时候扣款？",
   "it": "Quando mi viene addebitato il costo se passo dal piano gratuito a uno a pagamento?",
   "ja": "無料プランから有料プランにアップグレードした場合、いつ請求されますか？"}),
 ("monthly-to-yearly", A, "kb", ["tos-payment"], ["full year"], {
   "en": "If I switch from monthly to yearly billing, when am I charged?",
   "de": "Wenn ich von monatlicher auf jährliche Abrechnung wechsle, wann wird abgebucht?",
   "es": "Si cambio de facturación mensual a anual, ¿cuándo me cobran?",
   "pt": "Se eu mudar do plano mensal para o anual, quando sou cobrado?"}),
 ("downgrade-refund", A, "kb", ["tos-payment"], ["no refunds", "non-refundable"], {
   "en": "If I downgrade in the middle of the month do I get a refund for the unused part?",
   "fr": "Si je passe à un plan inférieur en cours de mois, suis-je remboursé au prorata ?",
   "ko": "월 중간에 플랜을 낮추면 남은 기간은 환불되나요?",
   "ar": "إذا خفضت خطتي في منتصف الشهر، هل أسترد المبلغ عن الجزء غير المستخدم؟"}, {"tags": ["trap"]}),
 ("invoice-days", A, "kb", ["tos-payment", "sponsors-additional-terms"], ["30", "thirty"], {
   "en": "We pay by invoice. How many days do we have to pay it?",
   "de": "Wir zahlen per Rechnung. Wie viele Tage haben wir Zeit?",
   "ja": "請求書払いの場合、支払期限は何日ですか？",
   "it": "Paghiamo con fattura: entro quanti giorni dobbiamo pagare?"}),
 ("late-interest", A, "kb", ["tos-payment"], ["1.0%"], {
   "en": "What interest do you charge if an invoice is paid late?",
   "es": "¿Qué interés cobran si se paga una factura con retraso?",
   "zh": "发票逾期付款会收多少利息？",
   "fr": "Quel taux d'intérêt appliquez-vous en cas de retard de paiement d'une facture ?"}),
 ("invoice-currency", A, "kb", ["tos-payment"], ["U.S. Dollars", "USD"], {
   "en": "In what currency are invoices paid?",
   "pt": "Em que moeda as faturas devem ser pagas?",
   "de": "In welcher Währung werden Rechnungen bezahlt?",
   "ko": "인보이스는 어떤 통화로 결제하나요?"}),
 ("pay-methods", A, "kb", ["tos-payment"], ["PayPal", "credit card"], {
   "en": "Can you charge my PayPal account instead of a credit card?",
   "es": "¿Pueden cobrarme en mi cuenta de PayPal en lugar de la tarjeta?",
   "it": "Potete addebitare il mio conto PayPal invece della carta di credito?",
   "ar": "هل يمكنكم الخصم من حساب PayPal بدلاً من البطاقة الائتمانية؟"}, {"tags": ["trap"]}),
 ("billing-question", A, "kb", ["tos-payment", "marketplace-terms"], ["Support portal", "GitHub Support"], {
   "en": "Where do I go if I have a question about a charge on my bill?",
   "fr": "À qui dois-je m'adresser pour une question sur ma facture ?",
   "ja": "請求内容について質問がある場合はどこに連絡すればいいですか？",
   "zh": "对账单上的费用有疑问，应该去哪里问？"}),
 ("cancel-how", A, "kb", ["tos-cancellation-and-termination"], ["Settings"], {
   "en": "How do I cancel my account? Can I just email you?",
   "de": "Wie kündige ich mein Konto? Reicht eine E-Mail?",
   "pt": "Como cancelo minha conta? Posso mandar um e-mail?",
   "ko": "계정은 어떻게 해지하나요? 이메일로 요청해도 되나요?"}),
 ("cancel-delete", A, "kb", ["tos-cancellation-and-termination"], ["90"], {
   "en": "after I cancel, how long until my profile and repos are deleted",
   "es": "Después de cancelar, ¿cuánto tardan en borrar mi perfil y mis repositorios?",
   "it": "Dopo la cancellazione, dopo quanto tempo vengono eliminati profilo e repository?",
   "zh": "注销账户后多久会删除我的资料和仓库？"}),
 ("cancel-copy", A, "kb", ["tos-cancellation-and-termination"], ["90"], {
   "en": "Can I still request a copy of my account content after cancelling? Until when?",
   "fr": "Puis-je demander une copie du contenu de mon compte après l'avoir fermé ?",
   "ja": "解約後もアカウントの内容のコピーを依頼できますか？期限は？",
   "ar": "هل يمكنني طلب نسخة من محتوى حسابي بعد إلغائه؟ وحتى متى؟"}),
 ("phone-support", A, "kb", ["tos-communications"], ["telephone", "email"], {
   "en": "Do you offer phone support?",
   "de": "Bieten Sie telefonischen Support an?",
   "es": "¿Ofrecen soporte por teléfono?",
   "ko": "전화 지원을 제공하나요?"}),
 ("terms-change", A, "kb", ["tos-changes-to-terms"], ["30"], {
   "en": "How much notice do you give before material changes to the Terms of Service?",
   "pt": "Com quanta antecedência vocês avisam sobre mudanças importantes nos Termos de Serviço?",
   "it": "Con quanto preavviso comunicate modifiche sostanziali ai Termini di servizio?",
   "fr": "Quel préavis donnez-vous avant une modification importante des conditions d'utilisation ?"}),
 ("recovery-2fa", A, "kb", ["account-recovery"], [], {
   "en": "I lost my 2FA phone and recovery codes. Can support restore my account?",
   "es": "Perdí mi teléfono de 2FA y los códigos de recuperación. ¿Soporte puede restaurar mi cuenta?",
   "zh": "我丢了双重验证的手机和恢复码，客服能帮我恢复账户吗？",
   "de": "Ich habe mein 2FA-Handy und die Wiederherstellungscodes verloren. Kann der Support mein Konto wiederherstellen?"}),
 ("recovery-payment", A, "kb", ["account-recovery"], ["Support"], {
   "en": "I'm locked out of my account but it still has my credit card. How do I remove the payment method?",
   "fr": "Je n'ai plus accès à mon compte mais ma carte y est enregistrée. Comment retirer ce moyen de paiement ?",
   "ja": "アカウントにログインできませんが、クレジットカードが登録されたままです。支払い方法を削除するには？",
   "it": "Non riesco più ad accedere al mio account ma c'è ancora la mia carta. Come rimuovo il metodo di pagamento?"}, {"tags": ["trap"]}),
 ("deceased", A, "kb", ["deceased-user"], ["death certificate", "next of kin"], {
   "en": "My brother passed away. How can I request that his account billing be cancelled?",
   "es": "Mi hermano falleció. ¿Cómo puedo pedir que se cancele la facturación de su cuenta?",
   "pt": "Meu irmão faleceu. Como peço o cancelamento da cobrança da conta dele?",
   "ar": "توفي أخي. كيف يمكنني طلب إلغاء الفوترة على حسابه؟"}),
 ("username-taken", A, "kb", ["username-policy"], ["first-come"], {
   "en": "the username i want is already taken by an inactive account, can I get it?",
   "de": "Mein Wunsch-Benutzername ist von einem inaktiven Konto belegt. Kann ich ihn bekommen?",
   "ko": "원하는 사용자 이름을 비활성 계정이 쓰고 있어요. 제가 받을 수 있나요?",
   "zh": "我想要的用户名被一个不活跃的账户占用了，能给我吗？"}),
 ("username-sell", A, "kb", ["username-policy"], ["suspension", "prohibited"], {
   "en": "Can I sell my username to someone?",
   "fr": "Puis-je vendre mon nom d'utilisateur ?",
   "es": "¿Puedo vender mi nombre de usuario?",
   "it": "Posso vendere il mio nome utente?"}),
 ("iran", A, "kb", ["trade-controls"], ["Iran", "OFAC"], {
   "en": "I'm a developer living in Iran, can I use paid plans?",
   "de": "Ich bin Entwickler im Iran. Darf ich kostenpflichtige Pläne nutzen?",
   "ar": "أنا مطور أعيش في إيران، هل يمكنني استخدام الخطط المدفوعة؟",
   "fr": "Je suis développeur en Iran, puis-je utiliser les offres payantes ?"}),
 ("cuba", A, "kb", ["trade-controls"], ["Cuba"], {
   "en": "Are GitHub cloud services available to developers in Cuba?",
   "es": "¿Los servicios en la nube de GitHub están disponibles para desarrolladores en Cuba?",
   "pt": "Os serviços em nuvem do GitHub estão disponíveis em Cuba?",
   "zh": "古巴的开发者可以使用GitHub云服务吗？"}),
 ("itar", A, "kb", ["trade-controls"], ["Enterprise Server"], {
   "en": "We need to work on ITAR-controlled data. Which product should we use?",
   "ja": "ITAR規制対象のデータを扱う必要があります。どの製品を使うべきですか？",
   "de": "Wir müssen mit ITAR-kontrollierten Daten arbeiten. Welches Produkt sollen wir nutzen?",
   "ko": "ITAR 규제 데이터를 다뤄야 합니다. 어떤 제품을 써야 하나요?"}),
 ("sponsors-fee", A, "kb", ["sponsors-additional-terms"], ["3%"], {
   "en": "What fee is deducted when my company sponsors projects, and is there extra for credit card?",
   "es": "¿Qué comisión se descuenta cuando mi empresa patrocina proyectos? ¿Hay recargo por tarjeta?",
   "it": "Quale commissione viene trattenuta quando la mia azienda sponsorizza progetti? C'è un costo extra per la carta?",
   "fr": "Quels frais sont prélevés quand mon entreprise sponsorise des projets ? Y a-t-il un supplément pour la carte bancaire ?"}),
 ("sponsors-first-payout", A, "kb", ["sponsors-additional-terms"], ["60"], {
   "en": "I just joined GitHub Sponsors. When will I get my first payout?",
   "pt": "Acabei de entrar no GitHub Sponsors. Quando recebo meu primeiro pagamento?",
   "ja": "GitHub Sponsorsに登録したばかりです。最初の支払いはいつ受け取れますか？",
   "zh": "我刚加入GitHub Sponsors，第一笔款什么时候到账？"}),
 ("sponsors-threshold", A, "kb", ["sponsors-additional-terms"], ["100"], {
   "en": "I'm paid by wire transfer through Sponsors. Is there a minimum balance before a payout is sent?",
   "de": "Ich werde bei Sponsors per Überweisung bezahlt. Gibt es einen Mindestbetrag für die Auszahlung?",
   "fr": "Je suis payé par virement via Sponsors. Y a-t-il un solde minimum avant un versement ?",
   "ar": "أتلقى مدفوعات Sponsors عبر التحويل البنكي. هل هناك حد أدنى للرصيد قبل إرسال الدفعة؟"}),
 ("sponsors-stripe-day", A, "kb", ["sponsors-additional-terms"], ["22"], {
   "en": "On which day of the month are Stripe Connect payouts sent?",
   "es": "¿Qué día del mes se envían los pagos por Stripe Connect?",
   "ko": "Stripe Connect 지급은 매월 며칠에 이루어지나요?",
   "it": "In che giorno del mese vengono inviati i pagamenti tramite Stripe Connect?"}),
 ("sponsors-refunds", A, "kb", ["sponsors-additional-terms"], ["refund"], {
   "en": "Does GitHub handle refunds to sponsors, or is that up to the sponsored developer?",
   "zh": "给赞助者退款是由GitHub处理，还是由被赞助的开发者决定？",
   "de": "Kümmert sich GitHub um Rückerstattungen an Sponsoren oder der gesponserte Entwickler?",
   "pt": "O GitHub cuida dos reembolsos aos patrocinadores ou isso fica a cargo do desenvolvedor?"}, {"tags": ["trap"]}),
 ("sponsors-currency", A, "kb", ["sponsors-additional-terms"], ["USD"], {
   "en": "what currency are sponsors payouts in? I live outside the US",
   "fr": "En quelle devise sont les paiements Sponsors ? J'habite hors des États-Unis.",
   "ja": "Sponsorsの支払いはどの通貨ですか？アメリカ国外に住んでいます。",
   "es": "¿En qué moneda son los pagos de Sponsors? Vivo fuera de EE. UU."}),
 ("privacy-response", A, "kb", ["privacy-statement"], ["45"], {
   "en": "How fast do you respond to a privacy rights request?",
   "it": "Entro quanto tempo rispondete a una richiesta sui diritti privacy?",
   "de": "Wie schnell beantworten Sie eine Datenschutzanfrage?",
   "ko": "개인정보 권리 요청에는 얼마나 빨리 답변하나요?"}),
 ("privacy-sell", A, "kb", ["privacy-statement"], ["sell"], {
   "en": "Do you sell my data?",
   "es": "¿Venden mis datos?",
   "zh": "你们会出售我的数据吗？",
   "ar": "هل تبيعون بياناتي؟"}),
 ("privacy-minors", A, "kb", ["privacy-statement", "tos-account-terms"], ["13"], {
   "en": "My 12 year old wants an account, is that allowed?",
   "fr": "Mon enfant de 12 ans veut un compte, est-ce autorisé ?",
   "pt": "Meu filho de 12 anos quer uma conta, pode?",
   "ja": "12歳の子どもがアカウントを作りたがっています。大丈夫ですか？"}),
 ("marketplace-refund", A, "kb", ["marketplace-terms"], ["No Refunds", "non-refundable"], {
   "en": "I bought an app on GitHub Marketplace with yearly billing. Can I get a refund if I stop using it?",
   "de": "Ich habe eine App im GitHub Marketplace jährlich bezahlt. Bekomme ich Geld zurück, wenn ich sie nicht mehr nutze?",
   "es": "Compré una app en GitHub Marketplace con pago anual. ¿Me devuelven el dinero si dejo de usarla?",
   "zh": "我在GitHub Marketplace按年购买了一个应用，不用了可以退款吗？"}, {"tags": ["trap"]}),
 ("followup-delete", A, "kb", ["tos-cancellation-and-termination"], ["90"], {
   "en": "ok and how long until my data is deleted after that?",
   "fr": "D'accord, et mes données sont supprimées au bout de combien de temps ?",
   "it": "Ok, e dopo quanto tempo vengono cancellati i miei dati?",
   "ko": "알겠어요. 그럼 그 후에 데이터는 언제 삭제되나요?"}, {"tags": ["followup"], "history": {
     "en": [("customer", "How do I cancel my account?"), ("assistant", "You can cancel your Account at any time by going into your Settings.")],
     "fr": [("customer", "Comment fermer mon compte ?"), ("assistant", "Vous pouvez annuler votre compte à tout moment depuis vos paramètres (Settings).")],
     "it": [("customer", "Come chiudo il mio account?"), ("assistant", "Puoi annullare l'account in qualsiasi momento dalle Impostazioni (Settings).")],
     "ko": [("customer", "계정은 어떻게 해지하나요?"), ("assistant", "설정(Settings)에서 언제든지 계정을 해지할 수 있습니다.")]}}),
 # ---- handoffs
 ("h-human", H, "human_request", [], None, {
   "en": "can I please speak with someone from billing support",
   "es": "Quiero hablar con alguien del equipo de facturación.",
   "de": "Ich möchte mit einem echten Menschen sprechen.",
   "zh": "请帮我转人工客服。"}),
 ("h-human2", H, "human_request", [], None, {
   "en": "Please have a support agent contact me about my organization's invoice.",
   "ja": "組織の請求書について担当者から連絡をください。",
   "pt": "Por favor, peçam para um atendente entrar em contato sobre a fatura da minha organização.",
   "ar": "أرجو أن يتواصل معي موظف دعم بخصوص فاتورة مؤسستي."}),
 ("h-complaint", H, "complaint", [], None, {
   "en": "You suspended my account without any warning. This is outrageous and I've lost a week of work.",
   "fr": "Vous avez suspendu mon compte sans prévenir, c'est scandaleux.",
   "it": "Avete sospeso il mio account senza preavviso, è vergognoso.",
   "ko": "아무 경고도 없이 계정을 정지시키다니 정말 화가 납니다."}),
 ("h-complaint2", H, "complaint", [], None, {
   "en": "Your support is useless, my ticket has been open for two weeks.",
   "de": "Ihr Support ist nutzlos, mein Ticket ist seit zwei Wochen offen.",
   "es": "Su soporte no sirve para nada, mi ticket lleva dos semanas abierto.",
   "zh": "你们的客服太差了，我的工单两周都没人处理。"}),
 ("h-double", H, "dispute", [], None, {
   "en": "I was charged twice for my Pro subscription this month. Fix it.",
   "pt": "Fui cobrado duas vezes pela assinatura Pro este mês.",
   "ja": "今月Proのサブスクリプションが二重に請求されました。",
   "ar": "تم خصم اشتراك Pro مرتين هذا الشهر."}),
 ("h-chargeback", H, "dispute", [], None, {
   "en": "I never agreed to this Copilot charge, I'm disputing it with my bank.",
   "fr": "Je n'ai jamais accepté ce prélèvement, je le conteste auprès de ma banque.",
   "de": "Dieser Abbuchung habe ich nie zugestimmt, ich lasse sie von meiner Bank zurückbuchen.",
   "it": "Non ho mai autorizzato questo addebito, lo contesto con la mia banca."}),
 ("h-refund-exception", H, "dispute", [], None, {
   "en": "I forgot to cancel and got billed $210 for a year I won't use. I demand a refund.",
   "es": "Olvidé cancelar y me cobraron un año entero que no voy a usar. Exijo un reembolso.",
   "ko": "해지를 깜빡해서 1년치가 결제됐어요. 환불을 요구합니다.",
   "zh": "我忘了取消，被扣了一整年的费用，我要求退款。"}),
 ("h-price", H, "low_confidence", [], None, {
   "en": "How much does the Team plan cost per user per month?",
   "de": "Was kostet der Team-Plan pro Nutzer und Monat?",
   "ja": "Teamプランは1ユーザーあたり月いくらですか？",
   "pt": "Quanto custa o plano Team por usuário por mês?"}),
 ("h-students", H, "low_confidence", [], None, {
   "en": "Do you have a student discount?",
   "fr": "Avez-vous une réduction étudiante ?",
   "ar": "هل لديكم خصم للطلاب؟",
   "es": "¿Tienen descuento para estudiantes?"}),
 ("h-vat", H, "low_confidence", [], None, {
   "en": "Can I add my EU VAT number to my invoices?",
   "it": "Posso aggiungere la mia partita IVA UE alle fatture?",
   "de": "Kann ich meine USt-IdNr. auf den Rechnungen angeben?",
   "zh": "我可以在发票上添加欧盟增值税号吗？"}),
 ("h-code", H, "out_of_scope", [], None, {
   "en": "Can you fix this Python error for me: KeyError: 'name'",
   "ko": "이 파이썬 에러 좀 고쳐 주세요: KeyError: 'name'",
   "pt": "Você pode corrigir este erro de Python: KeyError: 'name'",
   "fr": "Tu peux corriger cette erreur Python : KeyError: 'name'"}),
 ("h-stock", H, "out_of_scope", [], None, {
   "en": "Should I buy Microsoft stock right now?",
   "es": "¿Debería comprar acciones de Microsoft ahora?",
   "ja": "今マイクロソフトの株を買うべきですか？",
   "ar": "هل يجب أن أشتري أسهم مايكروسوفت الآن؟"}),
 ("h-highvalue", H, "high_value", [], None, {
   "en": "We'd like to change our enterprise invoice to yearly billing. How does that work?",
   "de": "Wir möchten unsere Enterprise-Rechnung auf jährliche Abrechnung umstellen. Wie geht das?",
   "it": "Vorremmo passare la nostra fattura enterprise alla fatturazione annuale. Come funziona?",
   "zh": "我们想把企业版发票改成按年计费，怎么操作？"}, {"order_value": 12000}),
]

# ---- real phrasing from public GitHub issues (quoted/trimmed; personal data removed; source URL in "source")
ITEMS += [
 ("r-charged-cancelled", H, "dispute", [], None, {
   "en": "I was charged $4.00 USD for a GitHub Team subscription on an organization account which was already cancelled/deleted before this billing cycle. I did not authorize this charge. Please process a full refund. If this matter is not resolved promptly, I will be forced to dispute this transaction with my credit card company."},
   {"tags": ["real"], "source": "https://github.com/ptuchik/billing/issues/28"}),
 ("r-datapacks", H, "dispute", [], None, {
   "en": "I just enabled an LFS budget. There is no way to cancel the old data packs I purchased, from anything I can see. Please cancel and refund me the past few months, so I can only be billed for the budget going forward, and not get double billed."},
   {"tags": ["real"], "source": "https://github.com/desktop/desktop/issues/20513"}),
 ("r-forgot-password", H, "low_confidence", [], None, {
   "en": "If a user forgets the password but has access to GitHub recovery codes and 2FA, can he/she recover the account?"},
   {"tags": ["real"], "source": "https://github.com/github/site-policy/issues/1048"}),
 ("r-2fa-rant", H, "complaint", [], None, {
   "en": "After a week my Microsoft Authentication App stopped working with GitHub. I was told to recover my account with the recovery codes. They sadly didn't work either. I was told I must detach my email and create a new account. That all my repositories, Issues, Discussions... would be lost. So much for security!!! Who for!!!"},
   {"tags": ["real"], "source": "https://github.com/QGEP/QGEP/issues/833"}),
 ("r-phone-stolen", A, "kb", ["account-recovery"], [], {
   "en": "It ask me for the two factor authentication but my phone was stolen. I tried with recovery codes but it's not work. Someone from support can help me?"},
   {"tags": ["real", "typo"], "source": "https://github.com/zulip/zulip/issues/17569"}),
 ("r-lost-2fa", A, "kb", ["account-recovery"], [], {
   "en": "I lost 2FA code and cannot access github"},
   {"tags": ["real"], "source": "https://github.com/CodeHubApp/CodeHub/issues/584"}),
 ("r-claim-inactive", A, "kb", ["username-policy"], [], {
   "en": "How would you go forward to try and claim one of these inactive account names? Is there some kind of workflow from Github for this usecase or do you have to contact the support directly?"},
   {"tags": ["real"], "source": "https://github.com/terror/usernames/issues/3"}),
 ("r-zombie-name", A, "kb", ["username-policy"], ["trademark"], {
   "en": "I have registered the riverui domain name and need a matching account in GitHub, but the riverui is occupied by zombie man"},
   {"tags": ["real"], "source": "https://github.com/aermin/blog/issues/44"}),
 ("r-zombie-name-zh", A, "kb", ["username-policy"], [], {
   "zh": "申请使用github被占的用户名，现在还能申请吗？"},
   {"tags": ["real-adapted"], "source": "https://github.com/aermin/blog/issues/44"}),
 ("r-downgrade", A, "kb", ["tos-payment"], ["Billing settings", "plan option"], {
   "en": "I subscribed to the paid plan and realized that it doesn't quite suit our needs. I removed my credit card but it still says my plan is the paid one. How can I be downgraded?"},
   {"tags": ["real-adapted"], "source": "https://github.com/Shippable/support/issues/969"}),
 ("r-flagged", A, "kb", ["trade-controls"], ["appeal"], {
   "en": "I got this: \"Due to U.S. trade controls law restrictions, your GitHub account has been restricted.\" I believe my account has been flagged in error. What can I do?"},
   {"tags": ["real-adapted"], "source": "https://github.com/freedomofdevelopers/fod/issues/336"}),
 ("r-payoneer", A, "kb", ["sponsors-additional-terms"], ["Stripe", "wire", "SEPA"], {
   "en": "is there a supported payout route for a new contributor in GitHub Sponsors? In particular, is Payoneer supported?"},
   {"tags": ["real-adapted"], "source": "https://github.com/tscircuit/contribution-tracker/issues/358"}),
 ("h-highvalue2", H, "high_value", [], None, {
   "en": "Can we pay our annual invoice with PayPal instead of a credit card?",
   "ar": "هل يمكننا دفع فاتورتنا السنوية عبر PayPal بدلاً من البطاقة الائتمانية؟",
   "es": "¿Podemos pagar nuestra factura anual con PayPal en lugar de tarjeta?",
   "ja": "年間の請求書をクレジットカードではなくPayPalで支払えますか？"}, {"order_value": 8400}),
]
ITEMS += [
 ("h-complaint3", H, "complaint", [], None, {
   "en": "Third time this year your billing page has been broken when I try to update my card. Really disappointing for a company your size.",
   "pt": "É a terceira vez este ano que a página de cobrança quebra quando tento atualizar meu cartão. Muito decepcionante.",
   "ja": "カード情報を更新しようとすると請求ページが壊れるのは今年3回目です。本当にがっかりです。",
   "ar": "هذه ثالث مرة هذا العام تتعطل فيها صفحة الفوترة عندما أحاول تحديث بطاقتي. مخيب للآمال جدًا."}),
]
