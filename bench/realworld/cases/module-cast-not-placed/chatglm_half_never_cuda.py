# source: https://github.com/huggingface/transformers/issues/27143 https://github.com/SCIR-HI/Med-ChatGLM/issues/56
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: module-cast-not-placed
# shape: helper
# bug-lines: 27
# cpu: clean
# needs: torch, transformers
import torch
from transformers import AutoModelForCausalLM, GPT2Config

DEVICE = "cuda" if torch.cuda.is_available() else "cpu"
VOCAB = list("abcdefghijklmnopqrstuvwxyz ?:") + ["<eos>"]


class CharTokenizer:
    def encode(self, text):
        return [VOCAB.index(c) for c in text.lower() if c in VOCAB]

    def decode(self, ids):
        return "".join(VOCAB[i] for i in ids if i < len(VOCAB) - 1)


def load_model(path):
    # stands in for ChatGLMForConditionalGeneration.from_pretrained(path)
    config = GPT2Config(vocab_size=len(VOCAB), n_positions=64, n_embd=32, n_layer=2, n_head=2,
                        bos_token_id=len(VOCAB) - 1, eos_token_id=len(VOCAB) - 1)
    model = AutoModelForCausalLM.from_config(config).half()
    return model.eval()


@torch.no_grad()
def chat(model, tokenizer, query, max_new_tokens=8):
    input_ids = torch.tensor([tokenizer.encode(query)], device=DEVICE)
    for _ in range(max_new_tokens):
        logits = model(input_ids=input_ids).logits
        next_id = logits[:, -1].argmax(-1, keepdim=True)
        input_ids = torch.cat([input_ids, next_id], dim=1)
    return tokenizer.decode(input_ids[0, -max_new_tokens:].tolist())


def main():
    tokenizer = CharTokenizer()
    model = load_model("./model")
    for q in ["what is a fever?", "how to sleep well?"]:
        response = chat(model, tokenizer, "question: " + q.strip() + " answer:")
        print("answer:", repr(response))


if __name__ == "__main__":
    main()
