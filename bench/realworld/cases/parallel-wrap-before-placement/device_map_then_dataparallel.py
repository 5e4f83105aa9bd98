# source: https://github.com/huggingface/accelerate/issues/1300
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cuda:1
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop, batch-dict
# bug-lines: 17, 38, 45
# cpu: no needs a model download and two GPUs
# needs: torch, transformers, accelerate
import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL_ID = "google/flan-t5-base"


def load_model_and_tokenizer(model_id):
    tokenizer = AutoTokenizer.from_pretrained(model_id)
    model = AutoModelForSeq2SeqLM.from_pretrained(model_id, device_map="auto", torch_dtype=torch.float32)
    return model, tokenizer


def make_loader(tokenizer, pairs, batch_size=4):
    def collate(rows):
        sources = [src for src, _ in rows]
        targets = [tgt for _, tgt in rows]
        enc = tokenizer(sources, padding=True, truncation=True, max_length=256, return_tensors="pt")
        labels = tokenizer(text_target=targets, padding=True, truncation=True, max_length=64,
                           return_tensors="pt")["input_ids"]
        labels[labels == tokenizer.pad_token_id] = -100
        enc["labels"] = labels
        return enc

    return DataLoader(pairs, batch_size=batch_size, shuffle=True, collate_fn=collate)


def train(pairs, epochs=1, lr=1e-4):
    model, tokenizer = load_model_and_tokenizer(MODEL_ID)
    if torch.cuda.device_count() > 1:
        model = torch.nn.DataParallel(model)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    loader = make_loader(tokenizer, pairs)
    model.train()
    for epoch in range(epochs):
        for batch in loader:
            batch = {k: v.to("cuda:0") for k, v in batch.items()}
            outputs = model(**batch)
            loss = outputs.loss.mean()
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
        print(f"epoch {epoch}: loss {loss.item():.4f}")
    return model


if __name__ == "__main__":
    data = [("summarize: " + "the meeting was moved to friday " * 8, "meeting moved to friday")] * 16
    train(data)
