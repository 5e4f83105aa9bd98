# source: https://github.com/pinecone-io/examples/issues/214
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: helper
# looks-like: inputs-not-moved
# cpu: clean
# needs: torch, transformers
import torch
from transformers import BatchEncoding, BertConfig, BertForSequenceClassification

device = "cuda" if torch.cuda.is_available() else "cpu"


def toy_tokenize(texts, max_length=12):
    ids = [[101] + [1000 + (hash(w) % 500) for w in t.split()][: max_length - 2] + [102] for t in texts]
    longest = max(len(x) for x in ids)
    input_ids = torch.tensor([x + [0] * (longest - len(x)) for x in ids])
    return BatchEncoding({"input_ids": input_ids, "attention_mask": (input_ids != 0).long()})


def classify(model, texts):
    inputs = toy_tokenize(texts)
    # BatchEncoding.to() moves every tensor in place (and returns self),
    # so using it as a statement is enough
    inputs.to(device)
    with torch.no_grad():
        logits = model(**inputs).logits
    return logits.argmax(dim=-1).tolist()


if __name__ == "__main__":
    config = BertConfig(vocab_size=2000, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=64, num_labels=3)
    model = BertForSequenceClassification(config).to(device).eval()
    print(classify(model, ["the grid was built in 1882", "edison opened pearl street station"]))
