# source: https://github.com/yya518/FinBERT/issues/21
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, class
# bug-lines: 40
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from transformers import BertModel, BertTokenizer

LABELS = ["positive", "negative", "neutral"]

# the notebook shipped with device='cuda:1'; on a laptop without a GPU
# the user switches it to 'cpu' and keeps the rest of the script
device = "cpu"
vocab_dir = "finbert_vocab"
pretrained_dir = "finbert_pretrain"
fine_tuned_weight_path = "fin_sentiment_weights.pth"


class FinSentimentHead(nn.Module):
    def __init__(self, bert_dir, num_labels=3):
        super().__init__()
        self.bert = BertModel.from_pretrained(bert_dir)
        self.dropout = nn.Dropout(0.1)
        self.classifier = nn.Linear(self.bert.config.hidden_size, num_labels)

    def forward(self, input_ids, attention_mask):
        pooled = self.bert(input_ids=input_ids, attention_mask=attention_mask).pooler_output
        return self.classifier(self.dropout(pooled))


class HeadlineScorer:
    def __init__(self):
        self.tokenizer = BertTokenizer.from_pretrained(vocab_dir)
        self.model = FinSentimentHead(pretrained_dir)
        # fine-tuned weights from the training run
        self.model.load_state_dict(
            torch.load(fine_tuned_weight_path)
        )
        self.model.to(device)
        self.model.eval()

    @torch.no_grad()
    def score(self, headlines):
        enc = self.tokenizer(headlines, padding=True, truncation=True, max_length=64, return_tensors="pt")
        enc = {k: v.to(device) for k, v in enc.items()}
        probs = torch.softmax(self.model(enc["input_ids"], enc["attention_mask"]), dim=-1)
        return [LABELS[i] for i in probs.argmax(dim=-1).tolist()]


if __name__ == "__main__":
    scorer = HeadlineScorer()
    print(scorer.score([
        "Quarterly revenue beat analyst expectations by a wide margin.",
        "The lender warned of further write-downs on its loan book.",
    ]))
