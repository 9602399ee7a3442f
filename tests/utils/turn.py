"""One turn of the assistant, as the tests over the sample KB ask it."""

from __future__ import annotations

from assistant.model.conversation import Conversation, StoreContext


def ask(bot, text, conversation=None, **context):
    """The turn's result and the conversation after it."""
    conversation = conversation or Conversation(context=StoreContext(**context))
    result = bot.reply(conversation, text)
    return result, result.advance(conversation)
