# source: https://github.com/abhishekkrthakur/bert-sentiment/issues/4
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, helper
# needs: transformers
# cpu: no written where torch was not installed; not run
import transformers

DEVICE = "cuda"
MAX_LEN = 512
TRAIN_BATCH_SIZE = 8
VALID_BATCH_SIZE = 4
EPOCHS = 10
BERT_PATH = "../input/bert_base_uncased/"
MODEL_PATH = "model.bin"
TRAINING_FILE = "../input/imdb.csv"
TOKENIZER = transformers.BertTokenizer.from_pretrained(BERT_PATH, do_lower_case=True)
LEARNING_RATE = 3e-5
WARMUP_STEPS = 0
NUM_WORKERS = 4
VALID_FRACTION = 0.1
SEED = 42
