# source: https://github.com/zai-org/GLM-4/issues/197
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got BFloat16 and Half
# pattern: partial-dtype-cast
# shape: class, loader-loop, batch-dict
# looks-like: partial-dtype-cast
# needs: torch, transformers, datasets
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from transformers import AutoModel, AutoTokenizer, DataCollatorWithPadding


class Bf16EncoderClassifier(nn.Module):
    """Frozen bf16 encoder, small fp32 head: the pooled vector is upcast before the head."""

    def __init__(self, model_name, num_labels):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(model_name, torch_dtype=torch.bfloat16)
        self.encoder.requires_grad_(False)
        hidden = self.encoder.config.hidden_size
        self.head = nn.Sequential(nn.LayerNorm(hidden), nn.Linear(hidden, num_labels))

    def forward(self, input_ids, attention_mask):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1)
        return self.head(pooled.float())


def train_head(model_name, encoded_train, num_labels, epochs=3):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained(model_name)
    model = Bf16EncoderClassifier(model_name, num_labels).to(device)
    loader = DataLoader(encoded_train, batch_size=32, shuffle=True,
                        collate_fn=DataCollatorWithPadding(tokenizer, return_tensors="pt"))
    optimizer = torch.optim.AdamW(model.head.parameters(), lr=5e-4)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            logits = model(batch["input_ids"], batch["attention_mask"])
            loss = loss_fn(logits, batch["labels"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: {loss.item():.4f}")
    return model


if __name__ == "__main__":
    from datasets import load_dataset

    name = "BAAI/bge-base-en-v1.5"
    tok = AutoTokenizer.from_pretrained(name)
    ds = load_dataset("imdb", split="train[:2000]").map(lambda b: tok(b["text"], truncation=True, max_length=256),
                                                         batched=True, remove_columns=["text"])
    train_head(name, ds.rename_column("label", "labels"), num_labels=2)
