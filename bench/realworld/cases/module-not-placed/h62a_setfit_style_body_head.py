# source: https://github.com/huggingface/setfit/pull/175
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper__index_select)
# pattern: module-not-placed
# shape: class, loader-loop, batch-dict
# bug-lines: 25, 32
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from transformers import AutoModel, AutoTokenizer


def mean_pool(token_embeddings, attention_mask):
    mask = attention_mask.unsqueeze(-1).type_as(token_embeddings)
    return (token_embeddings * mask).sum(1) / mask.sum(1).clamp(min=1e-9)


class FewShotClassifier:
    """Sentence-embedding body + differentiable head, trained end to end on a handful of labels."""

    def __init__(self, body_name="sentence-transformers/paraphrase-mpnet-base-v2", num_classes=2):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.tokenizer = AutoTokenizer.from_pretrained(body_name)
        self.body = AutoModel.from_pretrained(body_name)
        hidden = self.body.config.hidden_size
        self.head = nn.Sequential(nn.Dropout(0.1), nn.Linear(hidden, num_classes)).to(self.device)

    def encode(self, texts):
        features = self.tokenizer(texts, padding=True, truncation=True, max_length=128, return_tensors="pt")
        features = {k: v.to(self.device) for k, v in features.items()}
        out = self.body(**features)
        return mean_pool(out.last_hidden_state, features["attention_mask"])

    def fit(self, texts, labels, epochs=10, body_lr=1e-5, head_lr=1e-3, batch_size=16):
        pairs = list(zip(texts, labels))
        loader = DataLoader(pairs, batch_size=batch_size, shuffle=True,
                            collate_fn=lambda b: ([t for t, _ in b], torch.tensor([y for _, y in b])))
        optimizer = torch.optim.AdamW([
            {"params": self.body.parameters(), "lr": body_lr},
            {"params": self.head.parameters(), "lr": head_lr},
        ])
        loss_fn = nn.CrossEntropyLoss()
        self.body.train()
        self.head.train()
        for _ in range(epochs):
            for batch_texts, batch_labels in loader:
                logits = self.head(self.encode(batch_texts))
                loss = loss_fn(logits, batch_labels.to(self.device))
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
        return self

    @torch.no_grad()
    def predict(self, texts):
        self.body.eval()
        self.head.eval()
        return self.head(self.encode(texts)).argmax(-1).cpu().tolist()


if __name__ == "__main__":
    clf = FewShotClassifier().fit(["I loved it", "Terrible support", "Works great", "Never again"], [1, 0, 1, 0])
    print(clf.predict(["Pretty good overall", "Awful experience"]))
