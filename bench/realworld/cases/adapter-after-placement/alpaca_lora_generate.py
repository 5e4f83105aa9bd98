# source: https://github.com/tloen/alpaca-lora/issues/308
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: adapter-after-placement
# shape: helper
# bug-lines: 29
# cpu: no needs peft
# needs: torch, transformers, peft
import torch
from peft import PeftModel
from transformers import AutoTokenizer, LlamaForCausalLM

BASE_MODEL = "decapoda-research/llama-7b-hf"
LORA_WEIGHTS = "tloen/alpaca-lora-7b"

PROMPT_TEMPLATE = (
    "Below is an instruction that describes a task. "
    "Write a response that appropriately completes the request.\n\n"
    "### Instruction:\n{instruction}\n\n### Response:\n"
)


def load_model(device):
    tokenizer = AutoTokenizer.from_pretrained(BASE_MODEL)
    model = LlamaForCausalLM.from_pretrained(
        BASE_MODEL,
        torch_dtype=torch.float16,
    )
    model = model.to(device)
    model = PeftModel.from_pretrained(model, LORA_WEIGHTS, torch_dtype=torch.float16)
    model.eval()
    return tokenizer, model


def generate_response(tokenizer, model, instruction, device, max_new_tokens=128):
    prompt = PROMPT_TEMPLATE.format(instruction=instruction)
    inputs = tokenizer(prompt, return_tensors="pt")
    input_ids = inputs["input_ids"].to(device)
    with torch.no_grad():
        output = model.generate(
            input_ids=input_ids,
            max_new_tokens=max_new_tokens,
            temperature=0.7,
            top_p=0.75,
        )
    text = tokenizer.decode(output[0], skip_special_tokens=True)
    return text.split("### Response:")[-1].strip()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    tokenizer, model = load_model(device)
    for question in ["Tell me about alpacas.", "List three prime numbers."]:
        print(generate_response(tokenizer, model, question, device))
