# source: https://github.com/huggingface/transformers/issues/27143
# error: none (correct: half precision only together with the move to the GPU, float32 otherwise)
# shape: helper
# looks-like: module-cast-not-placed
# cpu: clean
# needs: torch, transformers
import torch
from transformers import AutoModelForCausalLM, GPT2Config

VOCAB = list("abcdefghijklmnopqrstuvwxyz ?:") + ["<eos>"]


def encode(text):
    return [VOCAB.index(c) for c in text.lower() if c in VOCAB]


def load_model(path):
    config = GPT2Config(vocab_size=len(VOCAB), n_positions=64, n_embd=32, n_layer=2, n_head=2,
                        bos_token_id=len(VOCAB) - 1, eos_token_id=len(VOCAB) - 1)
    model = AutoModelForCausalLM.from_config(config)
    if torch.cuda.is_available():
        model = model.half().cuda()
    else:
        model = model.float()
    return model.eval()


@torch.no_grad()
def chat(model, query, max_new_tokens=8):
    input_ids = torch.tensor([encode(query)], device=model.device)
    out = model.generate(input_ids, max_new_tokens=max_new_tokens, do_sample=False,
                         pad_token_id=len(VOCAB) - 1)
    return out[0, input_ids.shape[1]:].tolist()


if __name__ == "__main__":
    model = load_model("./model")
    for q in ["what is a fever?", "how to sleep well?"]:
        print(chat(model, "question: " + q + " answer:"))
