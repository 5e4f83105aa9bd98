# source: https://github.com/hiyouga/ChatGLM-Efficient-Tuning/issues/37
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, loader-loop, batch-dict
# looks-like: half-on-cpu
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer


def load_model(name_or_path, device):
    model = AutoModelForCausalLM.from_pretrained(name_or_path)
    if device.type == "cuda":
        model = model.half()
    else:
        model = model.float()
    return model.to(device)


def make_collate(tokenizer):
    def collate(texts):
        enc = tokenizer(texts, padding=True, truncation=True, max_length=128, return_tensors="pt")
        enc["labels"] = enc["input_ids"].masked_fill(enc["attention_mask"] == 0, -100)
        return enc
    return collate


def main(name_or_path="gpt2"):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained(name_or_path)
    tokenizer.pad_token = tokenizer.eos_token
    model = load_model(name_or_path, device)
    model.eval()

    texts = ["Instruction: summarize the report.", "Instruction: translate to French."] * 16
    loader = DataLoader(texts, batch_size=8, collate_fn=make_collate(tokenizer))
    total = 0.0
    with torch.no_grad():
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            total += model(**batch).loss.item()
    print("eval loss", total / len(loader))


if __name__ == "__main__":
    main()
