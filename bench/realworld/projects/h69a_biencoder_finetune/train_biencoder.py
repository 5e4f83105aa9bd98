# source: https://github.com/huggingface/sentence-transformers/issues/770
# error: RuntimeError: Found dtype Double but expected Float
# pattern: loss-target-dtype
# shape: multi-file, batch-dict, loader-loop
# bug-lines: 40
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Fine-tune a shared-weight bi-encoder with a cosine-similarity regression loss."""
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from transformers import AutoModel, AutoTokenizer, get_linear_schedule_with_warmup

from sts_pairs import ScoredPairs, make_collate

MODEL = "sentence-transformers/all-MiniLM-L6-v2"
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
encoder = AutoModel.from_pretrained(MODEL).to(device)
loader = DataLoader(ScoredPairs("train_pairs.tsv"), batch_size=32, shuffle=True,
                    collate_fn=make_collate(tokenizer))

optimizer = torch.optim.AdamW(encoder.parameters(), lr=2e-5)
epochs = 3
scheduler = get_linear_schedule_with_warmup(optimizer, 100, epochs * len(loader))


def embed(features):
    features = {k: v.to(device) for k, v in features.items()}
    hidden = encoder(**features).last_hidden_state
    mask = features["attention_mask"].unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)


for epoch in range(epochs):
    encoder.train()
    for step, batch in enumerate(loader):
        sim = F.cosine_similarity(embed(batch["query"]), embed(batch["passage"]))
        loss = F.mse_loss(sim, batch["labels"].to(device))
        loss.backward()
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
        if step % 100 == 0:
            print(f"epoch {epoch} step {step} loss {loss.item():.4f}")

encoder.save_pretrained("output/biencoder-ft")
