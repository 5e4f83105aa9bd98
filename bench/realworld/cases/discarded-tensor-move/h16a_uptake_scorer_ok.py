# source: https://github.com/ddemszky/conversational-uptake/pull/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: class, helper, batch-dict
# looks-like: discarded-tensor-move
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
from transformers import AutoModel, AutoTokenizer


class UptakeScorer:
    """Scores how much a teacher utterance takes up what the student just said."""

    def __init__(self, checkpoint="bert-base-uncased", head_path=None):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.tokenizer = AutoTokenizer.from_pretrained(checkpoint)
        self.encoder = AutoModel.from_pretrained(checkpoint)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)
        if head_path:
            self.head.load_state_dict(torch.load(head_path, map_location="cpu"))
        # nn.Module.to() moves parameters in place, so the return value is not needed
        self.encoder.to(self.device)
        self.head.to(self.device)
        self.encoder.eval()

    def _encode(self, student, teacher, max_len=120):
        enc = self.tokenizer(student, teacher, truncation="only_first", max_length=max_len,
                             padding="max_length", return_tensors="pt")
        return {k: v.to(self.device) for k, v in enc.items()}

    @torch.no_grad()
    def score(self, student, teacher):
        batch = self._encode(student, teacher)
        hidden = self.encoder(**batch).last_hidden_state[:, 0]
        return torch.sigmoid(self.head(hidden)).item()

    @torch.no_grad()
    def score_ids(self, input_ids, attention_mask):
        input_ids = input_ids.to(self.device)
        attention_mask = attention_mask.to(self.device)
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state[:, 0]
        return torch.sigmoid(self.head(hidden)).squeeze(-1).cpu()


if __name__ == "__main__":
    scorer = UptakeScorer()
    print(scorer.score("I think the answer is seven because 3 plus 4", "Why did you add 3 and 4?"))
