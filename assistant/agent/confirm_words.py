"""The words of a reply to a preview: yes and no (English, Spanish, German, French, Italian,
Portuguese, Dutch), doubt and sarcasm, and the filler words that surround a yes or a no
without adding business of their own. :mod:`assistant.agent.confirm` reads them."""

from __future__ import annotations

import re

_YES_WORDS = (
    "yes please|yes pls|yes plz|ye+s+|yeah+|yea|yep+|yup+|yas+|ya|y|sure thing|sure|ok|okay|okey|"
    "okie|kk|k|alright|all right|go ahead|go for it|do it|please do|please|pls|plz|confirm|"
    "confirmed|correct|absolutely|definitely|of course|sounds good|sounds great|perfect|great|"
    "fine by me|ok by me|okay by me|works for me|that works|fine|that's fine|that's right|"
    "that's correct|let's do it|lets do it|proceed|"
    "affirmative|carry on|si|sí|claro|vale|de acuerdo|ja|jawohl|genau|gerne|bitte|oui|d'accord|"
    "bien sûr|bien sur|volontiers|sì|certo|va bene|sim|pode ser|graag|akkoord|oké|aye|"
    "\U0001f44d|✅"
)
YES_RE = re.compile(rf"^(?:{_YES_WORDS})(?![\w'])")
_NO_WORDS = (
    "no thanks|no thank you|no|nope|nah|naw|n|don't|dont|do not|never ?mind|nevermind|"
    "leave it|leave it as it is|keep it|keep it as it is|not now|not yet|not today|wait|"
    "hold on|hold off|hang on|stop|forget it|nvm|leave (?:it|everything|the \\w+)|"
    "keep (?:it|my|the) ?\\w*|cancel that|scratch that|changed my mind|i changed my mind|"
    "actually no|actually don't|actually dont|actually|on second thought|nein|lieber nicht|"
    "doch nicht|non|pas maintenant|mejor no|todavía no|não|nao|melhor não|nee|liever niet|"
    "\U0001f44e|❌"
)
NO_RE = re.compile(rf"^(?:{_NO_WORDS})(?![\w'])")
# Doubt and sarcasm: asking again is the safe answer.
DOUBT_RE = re.compile(
    r"\b(yeah right|as if|i guess|maybe|not sure|unsure|idk|i don'?t know|dunno|hmm+|umm*|"
    r"uh+|whatever|if you say so|sure sure|ok whatever|wait what|are you sure|really|"
    r"i suppose|suppose so|probably|perhaps)\b"
)
# Words that may surround a yes or a no without adding business of their own.
FILLER = frozenset(
    """a an the it this that one them please pls plz thanks thank you thx ty just go ahead do
    and yes yeah yep sure ok okay fine then now right away asap already do it's its is that's
    as there leave keep like no nope don't dont not change anything i i'm im me my we let's
    lets you can could would will should want wanna'd that'd would be great good perfect
    awesome cool nice lovely brilliant sounds proceed confirm confirmed correct all set
    go for make happen mind never wait hold on hang actually thought second changed forget
    stop scratch nvm oh ah well hey hi yes, next delivery order subscription sub mine
    si sí claro vale ja bitte danke gerne oui merci d'accord non nein gracias por favor allez
    allez-y sì certo grazie per favore sim obrigado obrigada graag bedankt dank je wel alstublieft
    adelante hazlo dale vas-y vas c'est cest bon ça ca marche parfait procedi vai pode doe maar
    perfecto perfetto perfeito perfekt así asi ainsi così cosi assim zo so machen tun hacer fallo
    fare fazer faça faz doen faites fais top prima super klasse genial ótimo otimo bene benissimo
    mach das thats porfa hoor ye ya yah yea
    y works with for those months weeks done im i'm again annulez la his her their
    our exactly indeed absolutely definitely true both agreed agree decided certain in
    positive to am carry over through along by""".split()
)
# "no wait only the first one… just the shoes": what waits narrowed to one thing
ONLY_THIS = re.compile(r"\b(only|just) (the |my )?(first|1st|(\w+))( one)?\b")
