# source: https://github.com/project-baize/baize-chatbot/issues/14
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: module-cast-not-placed
# shape: multi-file, helper
# bug-lines: 27
# needs: torch, transformers, peft
# cpu: no written where torch was not installed; not run
from peft import PeftModel
from transformers import LlamaForCausalLM, LlamaTokenizer

SYSTEM = (
    "The following is a conversation between a human and an AI assistant named Baize. "
    "Baize is open-source and answers helpfully and honestly.\n"
)


def load_tokenizer_and_model(base_model, adapter_model, load_8bit=False):
    tokenizer = LlamaTokenizer.from_pretrained(base_model)
    model = LlamaForCausalLM.from_pretrained(
        base_model,
        load_in_8bit=load_8bit,
        low_cpu_mem_usage=True,
    )
    model = PeftModel.from_pretrained(model, adapter_model)
    if not load_8bit:
        # halve memory before serving
        model.half()
    model.eval()
    return tokenizer, model


def build_prompt(history, user_text, max_turns=4):
    prompt = SYSTEM
    for human, bot in history[-max_turns:]:
        prompt += f"[|Human|]{human}\n[|AI|]{bot}\n"
    return prompt + f"[|Human|]{user_text}\n[|AI|]"


def cut_reply(text):
    for stop in ("[|Human|]", "[|AI|]"):
        text = text.split(stop)[0]
    return text.strip()
