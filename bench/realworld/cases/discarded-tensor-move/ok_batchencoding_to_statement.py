# source: https://github.com/huggingface/transformers/issues/11165
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: discarded-tensor-move
# shape: helper, batch-dict
# looks-like: discarded-tensor-move
# cpu: clean
# needs: torch, transformers, tokenizers
import torch
from tokenizers import Tokenizer, models, pre_tokenizers
from transformers import BertConfig, BertForSequenceClassification, PreTrainedTokenizerFast


def build_tokenizer(texts):
    vocab = {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3}
    for word in " ".join(texts).lower().split():
        vocab.setdefault(word, len(vocab))
    tok = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    return PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]",
                                   cls_token="[CLS]", sep_token="[SEP]")


def classify(model, tokenizer, texts, device):
    model_input = tokenizer(texts, padding=True, return_tensors="pt")
    model_input.to(device)
    with torch.no_grad():
        logits = model(**model_input).logits
    return logits.argmax(-1).tolist()


if __name__ == "__main__":
    texts = ["the parcel arrived late", "great service thanks", "refund still missing"]
    tokenizer = build_tokenizer(texts)
    config = BertConfig(vocab_size=64, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=64, num_labels=3)
    model = BertForSequenceClassification(config).eval()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model.to(device)
    print(classify(model, tokenizer, texts, device))
