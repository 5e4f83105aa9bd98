# source: https://github.com/huggingface/sentence-transformers/issues/822
# error: RuntimeError: "clamp_min_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, loader-loop
# looks-like: half-on-cpu
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from transformers import AutoModel, AutoTokenizer

NAME = "sentence-transformers/all-MiniLM-L6-v2"
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

tokenizer = AutoTokenizer.from_pretrained(NAME)
model = AutoModel.from_pretrained(NAME).to(device).eval()
if device.type == "cuda":
    model = model.half()


@torch.inference_mode()
def encode(texts, batch_size=128):
    vecs = []
    for batch in DataLoader(texts, batch_size=batch_size):
        enc = tokenizer(list(batch), padding=True, truncation=True, return_tensors="pt").to(device)
        hidden = model(**enc).last_hidden_state.float()
        mask = enc["attention_mask"].unsqueeze(-1).float()
        emb = F.normalize((hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9), dim=-1)
        vecs.append(emb.half().cpu())
    return torch.cat(vecs)


def build_index(passages, path="index_fp16.pt"):
    torch.save({"emb": encode(passages), "passages": passages}, path)


def search(query, path="index_fp16.pt", top_k=5):
    index = torch.load(path, map_location="cpu")
    corpus = index["emb"].float()
    q = encode([query]).float()
    scores = (q @ corpus.T).squeeze(0)
    vals, idx = torch.topk(scores, k=min(top_k, corpus.shape[0]))
    return [(index["passages"][i], v) for i, v in zip(idx.tolist(), vals.tolist())]


if __name__ == "__main__":
    passages = [line.strip() for line in open("faq.txt", encoding="utf-8") if line.strip()]
    build_index(passages)
    for text, score in search("how do I reset my password?"):
        print(f"{score:.3f}  {text}")
