"""The assistant's own fixed phrases, in every language it answers in.

Everything the assistant says that does not come from the knowledge base lives here:
greeting, handoff notices, "not found", feedback prompts, source labels and the names of
languages (to say which language a passage was found in), plus the chat widget's labels
and quick-reply chips. Keeping them in one table means a reply never mixes a translated
answer with English chrome, and a missing translation is a failed check rather than a
surprise in production.

Texts are polite customer-service register: usted, vous, Sie, Lei, você; です/ます;
합니다/해요. Placeholders are ``str.format`` fields, filled by :func:`phrase`.
"""

from __future__ import annotations

# The languages the assistant's own phrases are written in.
LANGUAGES: tuple[str, ...] = ("en", "es", "fr", "de", "pt", "it", "zh", "ja", "ko", "ar")

DEFAULT_LANGUAGE = "en"

# message key -> language code -> text.
MESSAGES: dict[str, dict[str, str]] = {
    "greeting": {
        "en": "Hi! I'm the Northpeak assistant. Ask me about orders, shipping, returns, payments or anything else.",
        "es": "¡Hola! Soy el asistente de Northpeak. Puede preguntarme sobre pedidos, envíos, devoluciones, pagos o cualquier otra cosa.",
        "fr": "Bonjour ! Je suis l'assistant de Northpeak. Vous pouvez me poser vos questions sur les commandes, la livraison, les retours, les paiements ou tout autre sujet.",
        "de": "Hallo! Ich bin der Northpeak-Assistent. Fragen Sie mich gern zu Bestellungen, Versand, Rücksendungen, Zahlungen oder allem anderen.",
        "pt": "Olá! Sou o assistente da Northpeak. Você pode me perguntar sobre pedidos, envios, devoluções, pagamentos ou qualquer outro assunto.",
        "it": "Salve! Sono l'assistente di Northpeak. Può chiedermi informazioni su ordini, spedizioni, resi, pagamenti o qualsiasi altra cosa.",
        "zh": "您好！我是 Northpeak 智能助手。您可以向我咨询订单、配送、退货、付款或其他任何问题。",
        "ja": "こんにちは！Northpeakのアシスタントです。ご注文、配送、返品、お支払いなど、何でもお気軽にお尋ねください。",
        "ko": "안녕하세요! Northpeak 상담 도우미입니다. 주문, 배송, 반품, 결제 등 무엇이든 편하게 물어보세요.",
        "ar": "مرحبًا! أنا مساعد Northpeak. يمكنك أن تسألني عن الطلبات أو الشحن أو الإرجاع أو الدفع أو أي شيء آخر.",
    },
    # {wait} is the "wait" or "wait_hours" phrase, or "".
    "handoff": {
        "en": "I'm passing you to a member of our team, who will reply here{wait}. You don't need to repeat anything: they will see our whole conversation.",
        "es": "Le paso con un miembro de nuestro equipo, que le responderá aquí{wait}. No hace falta que repita nada: podrá ver toda nuestra conversación.",
        "fr": "Je vous transfère à un membre de notre équipe, qui vous répondra ici{wait}. Vous n'avez rien à répéter : cette personne verra l'ensemble de notre échange.",
        "de": "Ich leite Sie an ein Mitglied unseres Teams weiter, das Ihnen hier{wait} antwortet. Sie müssen nichts wiederholen: Unser Team sieht den gesamten Gesprächsverlauf.",
        "pt": "Vou transferir você para um membro da nossa equipe, que responderá aqui{wait}. Não é preciso repetir nada: essa pessoa verá toda a nossa conversa.",
        "it": "La metto in contatto con un membro del nostro team, che le risponderà qui{wait}. Non serve ripetere nulla: potrà vedere tutta la nostra conversazione.",
        "zh": "我正在为您转接我们团队的工作人员，对方会在这里回复您{wait}。您无需重复说明：对方可以看到我们的完整对话。",
        "ja": "担当スタッフにおつなぎします。担当者がこちらで{wait}ご返信いたします。これまでの会話はすべて担当者が確認できますので、同じ内容を繰り返していただく必要はありません。",
        "ko": "저희 팀 상담원에게 연결해 드리겠습니다. 상담원이 이 대화창에서{wait} 답변드릴 예정입니다. 지금까지의 대화 내용을 모두 확인할 수 있으니 같은 내용을 다시 말씀하실 필요는 없습니다.",
        "ar": "سأحوّلك إلى أحد أعضاء فريقنا، وسيردّ عليك هنا{wait}. لا داعي لتكرار أي شيء، فسيطّلع على محادثتنا كاملة.",
    },
    # Fills {wait} in "handoff"; the leading space or punctuation is part of the phrase.
    # Arabic uses the singular noun after the number, as is usual with digits (15, 30, 60).
    "wait": {
        "en": " within about {minutes} minutes",
        "es": " en unos {minutes} minutos",
        "fr": " sous {minutes} minutes environ",
        "de": " in etwa {minutes} Minuten",
        "pt": " em cerca de {minutes} minutos",
        "it": " entro circa {minutes} minuti",
        "zh": "，预计等待时间约为{minutes}分钟",
        "ja": "約{minutes}分以内に",
        "ko": " 약 {minutes}분 이내에",
        "ar": " خلال {minutes} دقيقة تقريبًا",
    },
    "wait_hours": {
        "en": " within about {hours} hours",
        "es": " en unas {hours} horas",
        "fr": " sous {hours} heures environ",
        "de": " in etwa {hours} Stunden",
        "pt": " em cerca de {hours} horas",
        "it": " entro circa {hours} ore",
        "zh": "，预计等待时间约为{hours}小时",
        "ja": "約{hours}時間以内に",
        "ko": " 약 {hours}시간 이내에",
        "ar": " خلال {hours} ساعة تقريبًا",
    },
    "not_found": {
        "en": "I couldn't find an answer to that in our help pages.",
        "es": "No he encontrado una respuesta a eso en nuestras páginas de ayuda.",
        "fr": "Je n'ai pas trouvé de réponse à cette question dans nos pages d'aide.",
        "de": "Dazu habe ich auf unseren Hilfeseiten leider keine Antwort gefunden.",
        "pt": "Não encontrei uma resposta para isso nas nossas páginas de ajuda.",
        "it": "Non ho trovato una risposta a questa domanda nelle nostre pagine di assistenza.",
        "zh": "抱歉，我在帮助中心没有找到这个问题的答案。",
        "ja": "申し訳ありません。ヘルプページでは、その件に関する回答が見つかりませんでした。",
        "ko": "죄송합니다. 도움말 페이지에서 해당 내용에 대한 답변을 찾지 못했습니다.",
        "ar": "لم أجد إجابة عن ذلك في صفحات المساعدة لدينا.",
    },
    "offer_person": {
        "en": "Would you like me to connect you with a person?",
        "es": "¿Quiere que le ponga en contacto con una persona de nuestro equipo?",
        "fr": "Souhaitez-vous que je vous mette en relation avec une personne de notre équipe ?",
        "de": "Soll ich Sie mit einem Menschen aus unserem Team verbinden?",
        "pt": "Gostaria que eu transferisse você para uma pessoa da nossa equipe?",
        "it": "Desidera che la metta in contatto con una persona del nostro team?",
        "zh": "需要我为您转接人工客服吗？",
        "ja": "担当スタッフにおつなぎしましょうか？",
        "ko": "상담원과 연결해 드릴까요?",
        "ar": "هل تودّ أن أوصلك بأحد موظفينا؟",
    },
    "helpful": {
        "en": "Was this helpful?",
        "es": "¿Le ha resultado útil?",
        "fr": "Cette réponse vous a-t-elle été utile ?",
        "de": "War das hilfreich?",
        "pt": "Esta resposta foi útil?",
        "it": "Le è stato utile?",
        "zh": "这对您有帮助吗？",
        "ja": "お役に立ちましたか？",
        "ko": "도움이 되셨나요?",
        "ar": "هل كانت هذه المعلومات مفيدة؟",
    },
    # {language} is LANGUAGE_NAMES[customer language][passage language].
    "other_language": {
        "en": "I only found this information in {language}:",
        "es": "Solo he encontrado esta información en {language}:",
        "fr": "Je n'ai trouvé cette information qu'en {language} :",
        "de": "Diese Information habe ich nur auf {language} gefunden:",
        "pt": "Só encontrei esta informação em {language}:",
        "it": "Ho trovato questa informazione solo in {language}:",
        "zh": "我只找到了这条信息的{language}版本：",
        "ja": "この情報は{language}でのみ見つかりました：",
        "ko": "이 정보는 {language}로만 찾을 수 있었습니다:",
        "ar": "لم أجد هذه المعلومات إلا باللغة {language}:",
    },
    "machine_translated": {
        "en": "(machine-translated)",
        "es": "(traducción automática)",
        "fr": "(traduction automatique)",
        "de": "(maschinell übersetzt)",
        "pt": "(tradução automática)",
        "it": "(traduzione automatica)",
        "zh": "（机器翻译）",
        "ja": "（機械翻訳）",
        "ko": "(기계 번역)",
        "ar": "(ترجمة آلية)",
    },
    "sources": {
        "en": "Sources",
        "es": "Fuentes",
        "fr": "Sources",
        "de": "Quellen",
        "pt": "Fontes",
        "it": "Fonti",
        "zh": "来源",
        "ja": "参照元",
        "ko": "출처",
        "ar": "المصادر",
    },
    "agent_joined": {
        "en": "{name} from our team has joined the conversation.",
        "es": "{name}, de nuestro equipo, se ha unido a la conversación.",
        "fr": "{name}, de notre équipe, a rejoint la conversation.",
        "de": "{name} aus unserem Team ist dem Gespräch beigetreten.",
        "pt": "{name}, da nossa equipe, entrou na conversa.",
        "it": "{name} del nostro team ora partecipa alla conversazione.",
        "zh": "我们团队的{name}已加入对话。",
        "ja": "担当スタッフの{name}が会話に参加しました。",
        "ko": "저희 팀의 {name} 님이 대화에 참여했습니다.",
        "ar": "{name} من فريقنا معك الآن في هذه المحادثة.",
    },
    "agent_resolved": {
        "en": "This conversation has been marked as resolved. You can write again at any time.",
        "es": "Esta conversación se ha marcado como resuelta. Puede volver a escribirnos cuando quiera.",
        "fr": "Cette conversation a été marquée comme résolue. Vous pouvez nous écrire à nouveau à tout moment.",
        "de": "Dieses Gespräch wurde als gelöst markiert. Sie können uns jederzeit wieder schreiben.",
        "pt": "Esta conversa foi marcada como resolvida. Você pode nos escrever novamente a qualquer momento.",
        "it": "Questa conversazione è stata contrassegnata come risolta. Può scriverci di nuovo in qualsiasi momento.",
        "zh": "此对话已标记为已解决。如有需要，您可以随时再次联系我们。",
        "ja": "この会話は解決済みとなりました。またいつでもお気軽にメッセージをお送りください。",
        "ko": "이 대화는 해결됨으로 표시되었습니다. 언제든지 다시 문의해 주세요.",
        "ar": "تم تحديد هذه المحادثة على أنها محلولة. يمكنك مراسلتنا مجددًا في أي وقت.",
    },
    "clarify": {
        "en": "Could you tell me a little more about what you need?",
        "es": "¿Podría contarme un poco más sobre lo que necesita?",
        "fr": "Pourriez-vous m'en dire un peu plus sur ce dont vous avez besoin ?",
        "de": "Könnten Sie mir etwas genauer sagen, was Sie brauchen?",
        "pt": "Poderia me contar um pouco mais sobre o que você precisa?",
        "it": "Potrebbe dirmi qualcosa in più su ciò di cui ha bisogno?",
        "zh": "能否请您再详细说明一下您的需求？",
        "ja": "ご用件について、もう少し詳しくお聞かせいただけますか？",
        "ko": "필요하신 내용을 조금 더 자세히 말씀해 주시겠어요?",
        "ar": "هل يمكنك أن توضّح لي أكثر قليلًا ما الذي تحتاج إليه؟",
    },
}

# customer language -> language code -> that language's name, as used mid-sentence in
# "other_language" (lower case where the language writes it so; German "auf Englisch").
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "en": "English", "es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese",
        "it": "Italian", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "ar": "Arabic",
    },
    "es": {
        "en": "inglés", "es": "español", "fr": "francés", "de": "alemán", "pt": "portugués",
        "it": "italiano", "zh": "chino", "ja": "japonés", "ko": "coreano", "ar": "árabe",
    },
    "fr": {
        "en": "anglais", "es": "espagnol", "fr": "français", "de": "allemand", "pt": "portugais",
        "it": "italien", "zh": "chinois", "ja": "japonais", "ko": "coréen", "ar": "arabe",
    },
    "de": {
        "en": "Englisch", "es": "Spanisch", "fr": "Französisch", "de": "Deutsch", "pt": "Portugiesisch",
        "it": "Italienisch", "zh": "Chinesisch", "ja": "Japanisch", "ko": "Koreanisch", "ar": "Arabisch",
    },
    "pt": {
        "en": "inglês", "es": "espanhol", "fr": "francês", "de": "alemão", "pt": "português",
        "it": "italiano", "zh": "chinês", "ja": "japonês", "ko": "coreano", "ar": "árabe",
    },
    "it": {
        "en": "inglese", "es": "spagnolo", "fr": "francese", "de": "tedesco", "pt": "portoghese",
        "it": "italiano", "zh": "cinese", "ja": "giapponese", "ko": "coreano", "ar": "arabo",
    },
    "zh": {
        "en": "英语", "es": "西班牙语", "fr": "法语", "de": "德语", "pt": "葡萄牙语",
        "it": "意大利语", "zh": "中文", "ja": "日语", "ko": "韩语", "ar": "阿拉伯语",
    },
    "ja": {
        "en": "英語", "es": "スペイン語", "fr": "フランス語", "de": "ドイツ語", "pt": "ポルトガル語",
        "it": "イタリア語", "zh": "中国語", "ja": "日本語", "ko": "韓国語", "ar": "アラビア語",
    },
    "ko": {
        "en": "영어", "es": "스페인어", "fr": "프랑스어", "de": "독일어", "pt": "포르투갈어",
        "it": "이탈리아어", "zh": "중국어", "ja": "일본어", "ko": "한국어", "ar": "아랍어",
    },
    "ar": {
        "en": "الإنجليزية", "es": "الإسبانية", "fr": "الفرنسية", "de": "الألمانية", "pt": "البرتغالية",
        "it": "الإيطالية", "zh": "الصينية", "ja": "اليابانية", "ko": "الكورية", "ar": "العربية",
    },
}  # fmt: skip

# Languages written right to left, so the widget can set dir="rtl". Wider than LANGUAGES:
# the widget may be shown in a language the assistant does not write its phrases in.
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur"})

# The chat widget's own labels: UI key -> language code -> text. Short, as on buttons and
# tooltips; sentences end with a full stop, labels do not. "…" is one character.
# Placeholders, in ``str.format`` syntax, are filled by the widget: {seconds} in "wait",
# {name} in "joined" and "uploading", {n} in "too_long".
WIDGET_STRINGS: dict[str, dict[str, str]] = {
    "placeholder": {
        "en": "Type your message…",
        "es": "Escriba su mensaje…",
        "fr": "Écrivez votre message…",
        "de": "Nachricht eingeben…",
        "pt": "Digite sua mensagem…",
        "it": "Scriva un messaggio…",
        "zh": "请输入您的消息…",
        "ja": "メッセージを入力…",
        "ko": "메시지를 입력하세요…",
        "ar": "اكتب رسالتك…",
    },
    "send": {
        "en": "Send",
        "es": "Enviar",
        "fr": "Envoyer",
        "de": "Senden",
        "pt": "Enviar",
        "it": "Invia",
        "zh": "发送",
        "ja": "送信",
        "ko": "보내기",
        "ar": "إرسال",
    },
    # The same wording as the assistant's own prompt, so the two never drift apart.
    "helpful": dict(MESSAGES["helpful"]),
    "sources": dict(MESSAGES["sources"]),
    "assistant": {
        "en": "Assistant",
        "es": "Asistente",
        "fr": "Assistant",
        "de": "Assistent",
        "pt": "Assistente",
        "it": "Assistente",
        "zh": "智能助手",
        "ja": "アシスタント",
        "ko": "상담 도우미",
        "ar": "المساعد",
    },
    "agent": {
        "en": "Support team",
        "es": "Atención al cliente",
        "fr": "Service client",
        "de": "Kundenservice",
        "pt": "Equipe de atendimento",
        "it": "Assistenza clienti",
        "zh": "客服团队",
        "ja": "サポートチーム",
        "ko": "고객지원팀",
        "ar": "فريق الدعم",
    },
    "typing": {
        "en": "Typing…",
        "es": "Escribiendo…",
        "fr": "En train d'écrire…",
        "de": "Schreibt…",
        "pt": "Digitando…",
        "it": "Sta scrivendo…",
        "zh": "正在输入…",
        "ja": "入力中…",
        "ko": "입력 중…",
        "ar": "جارٍ الكتابة…",
    },
    "open": {
        "en": "Open chat",
        "es": "Abrir chat",
        "fr": "Ouvrir le chat",
        "de": "Chat öffnen",
        "pt": "Abrir chat",
        "it": "Apri la chat",
        "zh": "打开聊天窗口",
        "ja": "チャットを開く",
        "ko": "채팅 열기",
        "ar": "فتح المحادثة",
    },
    "close": {
        "en": "Minimize chat",
        "es": "Minimizar chat",
        "fr": "Réduire le chat",
        "de": "Chat minimieren",
        "pt": "Minimizar chat",
        "it": "Riduci la chat",
        "zh": "最小化聊天窗口",
        "ja": "チャットを最小化",
        "ko": "채팅 최소화",
        "ar": "تصغير المحادثة",
    },
    "attach": {
        "en": "Attach a file",
        "es": "Adjuntar un archivo",
        "fr": "Joindre un fichier",
        "de": "Datei anhängen",
        "pt": "Anexar um arquivo",
        "it": "Allega un file",
        "zh": "添加附件",
        "ja": "ファイルを添付",
        "ko": "파일 첨부",
        "ar": "إرفاق ملف",
    },
    "emoji": {
        "en": "Insert emoji",
        "es": "Insertar emoji",
        "fr": "Insérer un emoji",
        "de": "Emoji einfügen",
        "pt": "Inserir emoji",
        "it": "Inserisci emoji",
        "zh": "插入表情",
        "ja": "絵文字を挿入",
        "ko": "이모지 삽입",
        "ar": "إدراج رمز تعبيري",
    },
    "rate_title": {
        "en": "How was your conversation?",
        "es": "¿Qué le ha parecido la conversación?",
        "fr": "Comment s'est passée votre conversation ?",
        "de": "Wie zufrieden waren Sie mit dem Gespräch?",
        "pt": "Como você avalia esta conversa?",
        "it": "Come valuta questa conversazione?",
        "zh": "您对本次对话满意吗？",
        "ja": "今回のご対応はいかがでしたか？",
        "ko": "이번 상담은 어떠셨나요?",
        "ar": "كيف كانت محادثتك معنا؟",
    },
    "thanks": {
        "en": "Thank you for your feedback!",
        "es": "¡Gracias por su opinión!",
        "fr": "Merci pour votre avis !",
        "de": "Vielen Dank für Ihr Feedback!",
        "pt": "Obrigado pelo seu feedback!",
        "it": "Grazie per il suo feedback!",
        "zh": "感谢您的反馈！",
        "ja": "フィードバックをありがとうございます！",
        "ko": "소중한 의견 감사합니다!",
        "ar": "شكرًا على ملاحظاتك!",
    },
    # Header status while a person is being called in, then once one has joined. {name} is the
    # agent's display name; the Italian and Arabic "joined" avoid a verb that agrees in gender.
    "waiting": {
        "en": "Waiting for a member of our team…",
        "es": "Esperando a un miembro de nuestro equipo…",
        "fr": "En attente d'un membre de notre équipe…",
        "de": "Warten auf ein Mitglied unseres Teams…",
        "pt": "Aguardando um membro da nossa equipe…",
        "it": "In attesa di un membro del nostro team…",
        "zh": "正在等待客服人员接入…",
        "ja": "担当者におつなぎしています…",
        "ko": "상담원 연결을 기다리는 중…",
        "ar": "في انتظار أحد أعضاء فريقنا…",
    },
    "joined": {
        "en": "{name} from our team joined",
        "es": "{name}, de nuestro equipo, se ha unido al chat",
        "fr": "{name}, de notre équipe, a rejoint la conversation",
        "de": "{name} aus unserem Team ist dem Chat beigetreten",
        "pt": "{name}, da nossa equipe, entrou na conversa",
        "it": "Ora è in chat {name} del nostro team",
        "zh": "我们团队的{name}已加入对话",
        "ja": "担当者の{name}が参加しました",
        "ko": "상담원 {name}님이 대화에 참여했습니다",
        "ar": "{name} من فريقنا معك الآن",
    },
    "joined_team": {
        "en": "A member of our team joined",
        "es": "Un miembro de nuestro equipo se ha unido al chat",
        "fr": "Un membre de notre équipe a rejoint la conversation",
        "de": "Ein Mitglied unseres Teams ist dem Chat beigetreten",
        "pt": "Um membro da nossa equipe entrou na conversa",
        "it": "Un membro del nostro team si è unito alla chat",
        "zh": "我们团队的一位成员已加入对话",
        "ja": "担当者が参加しました",
        "ko": "상담원이 대화에 참여했습니다",
        "ar": "انضم أحد أعضاء فريقنا إلى المحادثة",
    },
    "resolved": {
        "en": "This conversation has been resolved.",
        "es": "Esta conversación se ha resuelto.",
        "fr": "Cette conversation a été résolue.",
        "de": "Dieses Gespräch wurde als gelöst markiert.",
        "pt": "Esta conversa foi resolvida.",
        "it": "Questa conversazione è stata risolta.",
        "zh": "此对话已解决。",
        "ja": "この会話は解決済みです。",
        "ko": "이 대화는 해결되었습니다.",
        "ar": "تم حل هذه المحادثة.",
    },
    # Shown under a machine-translated message.
    "show_original": {
        "en": "Show original",
        "es": "Ver original",
        "fr": "Afficher l'original",
        "de": "Original anzeigen",
        "pt": "Ver original",
        "it": "Mostra originale",
        "zh": "查看原文",
        "ja": "原文を表示",
        "ko": "원문 보기",
        "ar": "عرض النص الأصلي",
    },
    "hide_original": {
        "en": "Hide original",
        "es": "Ocultar original",
        "fr": "Masquer l'original",
        "de": "Original ausblenden",
        "pt": "Ocultar original",
        "it": "Nascondi originale",
        "zh": "隐藏原文",
        "ja": "原文を非表示",
        "ko": "원문 숨기기",
        "ar": "إخفاء النص الأصلي",
    },
    # {name} is the file name.
    "uploading": {
        "en": "Uploading {name}…",
        "es": "Subiendo {name}…",
        "fr": "Envoi de {name}…",
        "de": "{name} wird hochgeladen…",
        "pt": "Enviando {name}…",
        "it": "Caricamento di {name}…",
        "zh": "正在上传{name}…",
        "ja": "{name}をアップロードしています…",
        "ko": "{name} 업로드 중…",
        "ar": "جارٍ رفع {name}…",
    },
    "too_large": {
        "en": "That file is too large (max 5 MB).",
        "es": "El archivo es demasiado grande (máx. 5 MB).",
        "fr": "Ce fichier est trop volumineux (5 Mo maximum).",
        "de": "Die Datei ist zu groß (max. 5 MB).",
        "pt": "O arquivo é grande demais (máx. 5 MB).",
        "it": "Il file è troppo grande (max 5 MB).",
        "zh": "文件过大（最大 5 MB）。",
        "ja": "ファイルサイズが大きすぎます（最大5MB）。",
        "ko": "파일 크기가 너무 큽니다(최대 5MB).",
        "ar": "حجم الملف كبير جدًا (الحد الأقصى 5 ميغابايت).",
    },
    "wrong_type": {
        "en": "That file type is not supported.",
        "es": "Este tipo de archivo no es compatible.",
        "fr": "Ce type de fichier n'est pas pris en charge.",
        "de": "Dieser Dateityp wird nicht unterstützt.",
        "pt": "Este tipo de arquivo não é compatível.",
        "it": "Questo tipo di file non è supportato.",
        "zh": "不支持此文件类型。",
        "ja": "このファイル形式には対応していません。",
        "ko": "지원되지 않는 파일 형식입니다.",
        "ar": "نوع الملف هذا غير مدعوم.",
    },
    # {n} is the length of the message typed, not the limit: 4000 is the widget's MAX_TEXT
    # (and max_message_chars). Arabic uses the singular noun after the number.
    "too_long": {
        "en": "Your message is too long ({n} of 4000 characters).",
        "es": "Su mensaje es demasiado largo ({n} de 4000 caracteres).",
        "fr": "Votre message est trop long ({n} caractères sur 4000).",
        "de": "Ihre Nachricht ist zu lang ({n} von 4000 Zeichen).",
        "pt": "Sua mensagem é longa demais ({n} de 4000 caracteres).",
        "it": "Il suo messaggio è troppo lungo ({n} caratteri su 4000).",
        "zh": "您的消息过长（{n}/4000 个字符）。",
        "ja": "メッセージが長すぎます（{n}/4000文字）。",
        "ko": "메시지가 너무 깁니다({n}/4000자).",
        "ar": "رسالتك طويلة جدًا ({n} من 4000 حرف).",
    },
    # Arabic uses the singular noun after the number, as in "wait" above.
    "wait": {
        "en": "Please wait {seconds} s before sending another message.",
        "es": "Espere {seconds} s antes de enviar otro mensaje.",
        "fr": "Veuillez patienter {seconds} s avant d'envoyer un autre message.",
        "de": "Bitte warten Sie {seconds} s, bevor Sie eine weitere Nachricht senden.",
        "pt": "Aguarde {seconds} s antes de enviar outra mensagem.",
        "it": "Attenda {seconds} s prima di inviare un altro messaggio.",
        "zh": "请等待{seconds}秒后再发送消息。",
        "ja": "次のメッセージを送信するまで{seconds}秒お待ちください。",
        "ko": "{seconds}초 후에 다시 메시지를 보내 주세요.",
        "ar": "يُرجى الانتظار {seconds} ثانية قبل إرسال رسالة أخرى.",
    },
    "offline": {
        "en": "Connection lost. Retrying…",
        "es": "Se ha perdido la conexión. Reintentando…",
        "fr": "Connexion perdue. Nouvelle tentative…",
        "de": "Verbindung unterbrochen. Neuer Versuch…",
        "pt": "Conexão perdida. Tentando novamente…",
        "it": "Connessione persa. Nuovo tentativo…",
        "zh": "连接已断开，正在重试…",
        "ja": "接続が切断されました。再接続しています…",
        "ko": "연결이 끊어졌습니다. 다시 연결하는 중…",
        "ar": "انقطع الاتصال. جارٍ إعادة المحاولة…",
    },
    # A request that got no answer at all (network down, server unreachable).
    "unreachable": {
        "en": "We can't reach the chat right now. Please try again in a moment.",
        "es": "No podemos conectar con el chat en este momento. Inténtelo de nuevo en unos instantes.",
        "fr": "Impossible de joindre le chat pour le moment. Veuillez réessayer dans un instant.",
        "de": "Der Chat ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.",
        "pt": "Não conseguimos acessar o chat agora. Tente novamente em instantes.",
        "it": "Al momento non riusciamo a raggiungere la chat. Riprovi tra qualche istante.",
        "zh": "暂时无法连接聊天服务，请稍后重试。",
        "ja": "現在チャットに接続できません。しばらくしてからもう一度お試しください。",
        "ko": "지금은 채팅에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.",
        "ar": "تعذر الاتصال بالمحادثة حاليًا. يُرجى المحاولة مرة أخرى بعد قليل.",
    },
    # Labels of the thumbs-up / thumbs-down buttons under an answer.
    "upvote": {
        "en": "Helpful",
        "es": "Útil",
        "fr": "Utile",
        "de": "Hilfreich",
        "pt": "Útil",
        "it": "Utile",
        "zh": "有帮助",
        "ja": "役に立った",
        "ko": "도움이 됐어요",
        "ar": "مفيد",
    },
    "downvote": {
        "en": "Not helpful",
        "es": "No es útil",
        "fr": "Pas utile",
        "de": "Nicht hilfreich",
        "pt": "Não foi útil",
        "it": "Non utile",
        "zh": "没有帮助",
        "ja": "役に立たなかった",
        "ko": "도움이 안 됐어요",
        "ar": "غير مفيد",
    },
}

# language code -> the widget's quick-reply chips, in the customer's own voice, in this
# order: where is my order / how do returns work / which payment methods / customs duties.
QUICK_REPLIES: dict[str, list[str]] = {
    "en": ["Where is my order?", "How do returns work?", "Which payment methods can I use?",
           "Will I pay customs duties?"],
    "es": ["¿Dónde está mi pedido?", "¿Cómo funcionan las devoluciones?", "¿Qué métodos de pago puedo usar?",
           "¿Tendré que pagar aranceles de aduana?"],
    "fr": ["Où en est ma commande ?", "Comment fonctionnent les retours ?",
           "Quels moyens de paiement puis-je utiliser ?", "Aurai-je des droits de douane à payer ?"],
    "de": ["Wo ist meine Bestellung?", "Wie funktioniert die Rücksendung?", "Welche Zahlungsarten kann ich nutzen?",
           "Muss ich Zoll zahlen?"],
    "pt": ["Onde está meu pedido?", "Como funcionam as devoluções?", "Quais formas de pagamento posso usar?",
           "Vou ter que pagar taxas de importação?"],
    "it": ["Dov'è il mio ordine?", "Come funzionano i resi?", "Quali metodi di pagamento posso usare?",
           "Dovrò pagare dazi doganali?"],
    "zh": ["我的订单到哪里了？", "如何办理退货？", "可以使用哪些付款方式？", "需要支付关税吗？"],
    "ja": ["注文した商品は今どこですか？", "返品はどうすればいいですか？", "どの支払い方法が使えますか？", "関税はかかりますか？"],
    "ko": ["제 주문은 어디쯤 왔나요?", "반품은 어떻게 하나요?", "어떤 결제 수단을 쓸 수 있나요?", "관세를 내야 하나요?"],
    "ar": ["أين طلبي؟", "كيف تتم عملية الإرجاع؟", "ما طرق الدفع التي يمكنني استخدامها؟", "هل سأدفع رسومًا جمركية؟"],
}  # fmt: skip


def _base(code: str) -> str:
    """``"pt-BR"``, ``"zh_Hans"`` or ``"EN"`` -> ``"pt"``, ``"zh"``, ``"en"``."""
    return code.strip().replace("_", "-").split("-", 1)[0].lower()


def phrase(key: str, lang: str, **values: object) -> str:
    """Message ``key`` in ``lang`` (English if ``lang`` is not served), formatted with ``values``.

    Raises KeyError for an unknown message key, and (from ``str.format``) for a placeholder
    left without a value: "handoff" needs ``wait`` even when it is "".
    """
    texts = MESSAGES[key]
    text = texts.get(_base(lang)) or texts[DEFAULT_LANGUAGE]
    return text.format(**values)


def language_name(code: str, in_lang: str) -> str:
    """The name of language ``code`` written in ``in_lang``.

    Falls back to the English name when ``in_lang`` is not served, and to ``code`` itself
    when the language is not one of ours.
    """
    code_base = _base(code)
    names = LANGUAGE_NAMES.get(_base(in_lang), LANGUAGE_NAMES[DEFAULT_LANGUAGE])
    return names.get(code_base) or LANGUAGE_NAMES[DEFAULT_LANGUAGE].get(code_base) or code


def widget_strings(lang: str) -> dict[str, str]:
    """Every widget label in ``lang``, each falling back to English where ``lang`` has none.

    Texts are returned unformatted: the widget fills ``{seconds}``, ``{name}`` and ``{n}`` itself.
    """
    base = _base(lang)
    return {key: texts.get(base) or texts[DEFAULT_LANGUAGE] for key, texts in WIDGET_STRINGS.items()}


def quick_replies(lang: str) -> list[str]:
    """The quick-reply chips in ``lang`` (English if ``lang`` is not served), as a fresh list."""
    return list(QUICK_REPLIES.get(_base(lang)) or QUICK_REPLIES[DEFAULT_LANGUAGE])


def text_direction(lang: str) -> str:
    """``"rtl"`` for a language written right to left (``"ar-EG"`` too), else ``"ltr"``."""
    return "rtl" if _base(lang) in RTL_LANGUAGES else "ltr"
