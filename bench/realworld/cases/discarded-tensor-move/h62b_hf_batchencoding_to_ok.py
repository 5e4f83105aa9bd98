# source: https://github.com/huggingface/transformers/issues/16359
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: discarded-tensor-move
# shape: loader-loop, batch-dict, helper
# looks-like: discarded-tensor-move
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer

MODEL_NAME = "roberta-base"
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)


def collate(examples):
    enc = tokenizer([ex["text"] for ex in examples], padding=True, truncation=True,
                    max_length=256, return_tensors="pt")
    enc["labels"] = torch.tensor([ex["label"] for ex in examples])
    return enc


def fine_tune(train_examples, epochs=2, lr=2e-5):
    model = AutoModelForSequenceClassification.from_pretrained(MODEL_NAME, num_labels=2)
    model.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    loader = DataLoader(train_examples, batch_size=16, shuffle=True, collate_fn=collate)
    model.train()
    for epoch in range(epochs):
        for batch in loader:
            batch.to(device)
            loss = model(**batch).loss
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")
    return model


@torch.no_grad()
def predict(model, texts):
    model.eval()
    enc = tokenizer(texts, padding=True, truncation=True, return_tensors="pt")
    enc.to(device)
    probs = model(**enc).logits.softmax(dim=-1)
    return probs.argmax(dim=-1).tolist()
